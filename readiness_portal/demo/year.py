"""The demo year: the 2565 cycle answered, accepted and scored; the 2566 cycle with every target
in a plausible state, evidence, review comments and adjustments, scores, rankings, one panel half
scored and one category published. Reproducible from a seed; built once (a second run finds
the 2565 cycle and stops). Written straight to the tables in bulk, as an import would, so that
`make setup` stays fast; every figure is then computed by the portal's own engines."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, AgencyKind, User
from awards.models import Awards, Category
from awards.selectors.panels import evaluator_conflicts, panel_shortlist
from awards.services.panels import panel_score_save
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank
from readiness_portal.demo.answers import draw_answers
from readiness_portal.demo.pdf import evidence_pdf
from surveys.domain.completeness import evidence_states
from surveys.domain.scoring import Adjustment, score_response
from surveys.models import (
    Answer,
    Cycle,
    Evidence,
    EvidenceState,
    Questionnaire,
    Response,
    ResponseEvent,
    ResponseStatus,
    ReviewComment,
    ScoreAdjustment,
    ScoreCard,
    ScoreState,
    node_scores_of,
)
from surveys.services.cycles import cycle_open
from surveys.services.questionnaires import questionnaire_import

S = ResponseStatus
ROOT = Path(__file__).resolve().parent.parent.parent / "surveys" / "questionnaires"
# The 2566 targets' states, in shares of the targets (the rest are accepted).
STATES = [
    (S.NOT_STARTED, 0.08),
    (S.DRAFT, 0.16),
    (S.AWAITING_APPROVAL, 0.07),
    (S.SUBMITTED, 0.12),
    (S.UNDER_REVIEW, 0.10),
    (S.RETURNED, 0.05),
]
# Demo users' agencies keep a state that shows them the most (README, "Try it"); the renamed
# DEQP is accepted, so the score exports show its two names.
FIXED = {"ALRO": S.DRAFT, "RID": S.RETURNED, "PCIO-50": S.DRAFT, "DEQP": S.ACCEPTED}
SCORED = (S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.ACCEPTED)
REVIEWED = (S.UNDER_REVIEW, S.RETURNED, S.ACCEPTED)
COMMENTS = [
    "โปรดแนบหลักฐานฉบับที่ผู้บริหารลงนามแล้ว",
    "ตัวเลขนี้ไม่ตรงกับรายงานประจำปีของหน่วยงาน โปรดตรวจสอบอีกครั้ง",
    "หลักฐานครบถ้วน ขอบคุณครับ",
    "โปรดระบุลิงก์ที่เผยแพร่ต่อสาธารณะ",
]
PATHS = {  # the shipped 2566 questionnaires; the demo's 2565 ones are copies of them
    "dg-readiness-2566": ROOT / "dg-readiness-2566.yaml",
    "dg-pcio-2566": ROOT / "dg-pcio-2566.yaml",
}


@dataclass
class Summary:
    responses: dict[int, int] = field(default_factory=dict)
    evidence: int = 0
    cards: int = 0
    built: bool = True


def demo_year(*, seed: int = 2566) -> Summary:
    """Build the demo year once; a second call changes nothing."""
    current = Cycle.objects.filter(year=2566).first()
    if current is None or Cycle.objects.filter(year=2565).exists():
        return Summary(built=False)
    rng = random.Random(seed)  # noqa: S311 (a reproducible demo, not a secret)
    admin = User.objects.filter(is_dga_admin=True).order_by("pk").first()
    summary = Summary()
    with transaction.atomic():
        targets = list(current.targets.order_by("code"))
        readiness = {a.code: rng.uniform(0.12, 0.92) for a in targets}
        previous = _open_2565(current, [a for a in targets if a.code != "DLP"])
        _fill(previous, readiness, rng, admin, summary, states=None)
        grown = {code: min(0.98, max(0.05, r + rng.gauss(0.05, 0.07))) for code, r in readiness.items()}
        _fill(current, grown, rng, admin, summary, states=states_for([a.code for a in targets], rng))
        _awards(rng, admin)  # inside: all of the demo year or none of it
    return summary


def _open_2565(current: Cycle, agencies: list[Agency]) -> Cycle:
    """The 2565 cycle, with stand-ins of the 2566 questionnaires (same question codes, so last
    year's answers line up), closed a year earlier."""
    groups = {}
    for kind, q in current.questionnaires_by_group().items():
        groups[kind] = _questionnaire_2565(q.code)
    return cycle_open(
        year=2565,
        questionnaire=groups[AgencyKind.DEPARTMENT],
        opens_on=date(2022, 5, 2),
        closes_on=date(2022, 6, 30),
        agencies=agencies,
        groups=groups,
    )


def _questionnaire_2565(code: str) -> Questionnaire:
    old = code.replace("2566", "2565")
    found = Questionnaire.objects.filter(code=old).first()
    if found is not None:
        return found
    if code in PATHS:
        text = PATHS[code].read_text(encoding="utf-8")
    else:  # a questionnaire of the admin's own: copy its definition
        text = yaml.safe_dump(Questionnaire.objects.get(code=code).definition, allow_unicode=True)
    questionnaire_import(data=yaml.safe_load(text.replace("2566", "2565")), publish=True)
    return Questionnaire.objects.get(code=old)


def states_for(codes: list[str], rng: random.Random) -> dict[str, str]:
    """Each target's 2566 state: the shares of STATES drawn at random, the rest accepted."""
    order = list(codes)
    rng.shuffle(order)
    states: dict[str, str] = {}
    start = 0
    for state, share in STATES:
        for code in order[start : start + round(share * len(order))]:
            states[code] = state
        start += round(share * len(order))
    for code in order[start:]:
        states[code] = S.ACCEPTED
    states.update({code: state for code, state in FIXED.items() if code in states})
    return states


def _fill(cycle: Cycle, readiness, rng, admin, summary: Summary, *, states: dict[str, str] | None) -> None:
    """Answers, events, evidence, review and score cards of every response of the cycle."""
    year_ce = cycle.year - 543
    responses = list(Response.objects.filter(cycle=cycle).select_related("agency", "questionnaire"))
    definitions = {q.pk: q.parsed for q in Questionnaire.objects.filter(responses__cycle=cycle).distinct()}
    for response in responses:  # one parsed definition per questionnaire, not one per response
        response.questionnaire.__dict__["parsed"] = definitions[response.questionnaire_id]
    answers, events, evidence, comments, adjustments = [], [], [], [], []
    given: dict[int, dict] = {}
    for response in responses:
        code = response.agency.code
        status = states[code] if states is not None else S.ACCEPTED
        response.status = status
        if status == S.NOT_STARTED:
            continue
        day = cycle.opens_on + timedelta(days=rng.randrange(5, (cycle.closes_on - cycle.opens_on).days))
        share = rng.uniform(0.3, 0.8) if status == S.DRAFT else 1.0
        values = draw_answers(response.questionnaire.parsed, readiness[code], rng, share=share, filled_on=day)
        given[response.pk] = values
        answers += [Answer(response=response, question_code=k, value=v) for k, v in values.items()]
        events += _events(response, status, admin)
        if status != S.DRAFT:
            evidence += _evidence(response, values, status, rng, year_ce)
        if status not in (S.DRAFT, S.AWAITING_APPROVAL):
            response.submitted_at = timezone.make_aware(datetime.combine(day, time(10, rng.randrange(60))))
        if (status in REVIEWED and rng.random() < 0.5) or status == S.RETURNED:
            question = rng.choice(list(values))
            comments.append(
                ReviewComment(
                    response=response, question_code=question, body=rng.choice(COMMENTS), author=admin
                )
            )
        if status in (S.UNDER_REVIEW, S.ACCEPTED) and rng.random() < 0.15:
            question = rng.choice(
                [q.code for q in response.questionnaire.parsed.iter_questions() if q.is_scored]
            )
            adjustments.append(
                ScoreAdjustment(
                    response=response, question_code=question, score=0.5, by=admin,
                    reason="หลักฐานแสดงการดำเนินงานเพียงบางส่วน จึงให้คะแนนครึ่งหนึ่ง",
                )
            )  # fmt: skip
    Response.objects.bulk_update(responses, ["status", "submitted_at"], batch_size=500)
    Answer.objects.bulk_create(answers, batch_size=2000)
    ResponseEvent.objects.bulk_create(events, batch_size=2000)
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    ReviewComment.objects.bulk_create(comments)
    ScoreAdjustment.objects.bulk_create(adjustments)
    summary.responses[cycle.year] = len(given)
    summary.evidence += len(evidence)
    summary.cards += _score(responses, given, evidence, adjustments)


def _events(response: Response, status: str, admin) -> list[ResponseEvent]:
    path = [("start", S.NOT_STARTED, S.DRAFT)]
    if status != S.DRAFT:
        path.append(("request_approval", S.DRAFT, S.AWAITING_APPROVAL))
    if status not in (S.DRAFT, S.AWAITING_APPROVAL):
        path.append(("approve", S.AWAITING_APPROVAL, S.SUBMITTED))
    if status in REVIEWED:
        path.append(("start_review", S.SUBMITTED, S.UNDER_REVIEW))
    if status == S.RETURNED:
        path.append(("return", S.UNDER_REVIEW, S.RETURNED))
    if status == S.ACCEPTED:
        path.append(("accept", S.UNDER_REVIEW, S.ACCEPTED))
    return [
        ResponseEvent(
            response=response, action=action, from_status=before, to_status=after,
            actor=admin if action in ("start_review", "return", "accept") else None,
            comment="โปรดแก้ไขตามความเห็นของผู้ตรวจ" if action == "return" else "",
        )
        for action, before, after in path
    ]  # fmt: skip


def _evidence(response: Response, values: dict, status: str, rng, year_ce: int) -> list[Evidence]:
    """A small real PDF for each positive answer that needs evidence for its points."""
    found = []
    for q in response.questionnaire.parsed.iter_questions():
        if q.evidence != "required_for_points" or values.get(q.code) in (None, "no", "none"):
            continue
        state = EvidenceState.PENDING
        if status == S.ACCEPTED:
            state = EvidenceState.VERIFIED
        elif status in (S.UNDER_REVIEW, S.RETURNED):
            state = rng.choice(
                [
                    EvidenceState.VERIFIED,
                    EvidenceState.VERIFIED,
                    EvidenceState.PENDING,
                    EvidenceState.REJECTED,
                ]
            )
        content = evidence_pdf(f"{response.agency.code} {q.code} {year_ce}")
        name = default_storage.save(
            f"evidence/{response.public_id}/{q.code.replace('.', '-')}.pdf", ContentFile(content)
        )
        found.append(
            Evidence(
                response=response, question_code=q.code, file=name, original_name=f"{q.code}-{year_ce}.pdf",
                content_type="application/pdf", extension=".pdf", size=len(content), review_state=state,
                review_note="เอกสารไม่ใช่ฉบับที่ลงนาม" if state == EvidenceState.REJECTED else "",
            )
        )  # fmt: skip
    return found


def _score(responses: list[Response], given, evidence: list[Evidence], adjustments) -> int:
    """Score cards from the portal's scoring engine, for every response DGA has received."""
    files: dict[int, dict[str, list[str]]] = {}
    for e in evidence:
        files.setdefault(e.response_id, {}).setdefault(e.question_code, []).append(e.review_state)
    changed: dict[int, dict[str, Adjustment]] = {}
    for a in adjustments:
        changed.setdefault(a.response_id, {})[a.question_code] = Adjustment(
            a.score, a.reason, a.by.email if a.by else ""
        )
    cards, now = [], timezone.now()
    for response in responses:
        if response.status not in SCORED:
            continue
        card = score_response(
            response.questionnaire.parsed,
            given[response.pk],
            evidence_states(files.get(response.pk, {})),
            changed.get(response.pk, {}),
        )
        stored = card.to_dict()
        cards.append(
            ScoreCard(
                response=response, questionnaire=response.questionnaire, total=card.total,
                band=card.band or "", card=stored, node_scores=node_scores_of(stored), computed_at=now,
            )
        )  # fmt: skip
        response.score_state = ScoreState.DONE
    ScoreCard.objects.bulk_create(cards, batch_size=500)
    Response.objects.bulk_update(responses, ["score_state"], batch_size=500)
    return len(cards)


def _awards(rng: random.Random, admin) -> None:
    """Rankings of every award file; half the leadership panel scored; one category published."""
    files = list(Awards.objects.all())
    for awards in files:
        awards_rank(awards_id=awards.pk)
    evaluator = User.objects.filter(is_evaluator=True).order_by("pk").first()
    panel = Category.objects.filter(basis="panel").select_related("awards").first()
    if evaluator is not None and panel is not None:
        shortlist = panel_shortlist(category=panel)
        agencies = Agency.objects.in_bulk(shortlist, field_name="code")
        free = [
            agencies[c] for c in shortlist if not evaluator_conflicts(evaluator=evaluator, agency=agencies[c])
        ]
        for agency in free[: len(free) // 2]:
            points = {c.code: round(c.max * rng.uniform(0.5, 0.95)) for c in panel.spec.rubric}
            panel_score_save(category=panel, agency=agency, evaluator=evaluator, points=points, comment="")
        for awards in files:
            awards_rank(awards_id=awards.pk)
    first = Category.objects.filter(code="dg-department").first()
    if first is not None and admin is not None:
        category_publish(category=first, by=admin)
