"""Queries for pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce

from agencies.models import AgencyKind, AuditEvent, User

from . import dashboard
from .access import responses_visible_to
from .completeness import evidence_states
from .models import (
    Answer,
    AnswerChange,
    Cycle,
    CycleTarget,
    Evidence,
    EvidenceState,
    ExportJob,
    Questionnaire,
    Response,
    ReviewComment,
    ScoreAdjustment,
    ScoreCard,
    ScoreState,
    ScoringJob,
)
from .scoring import Adjustment


def responses_for_member(*, user: User) -> QuerySet[Response]:
    """The responses of the user's own agencies, newest cycle first."""
    return (
        Response.objects.filter(agency__memberships__user=user)
        .select_related("agency", "questionnaire", "cycle")
        .annotate(answered=Count("answers", distinct=True))
        .order_by("-cycle__year", "agency__code")
    )


def responses_for_review(*, user: User) -> QuerySet[Response]:
    """Responses that reached DGA, with their current score."""
    cards = ScoreCard.objects.filter(response=OuterRef("pk"), questionnaire=OuterRef("questionnaire"))
    return (
        responses_visible_to(user)
        .exclude(status__in=["not_started", "draft", "awaiting_approval"])
        .annotate(total=Subquery(cards.values("total")[:1]), band=Subquery(cards.values("band")[:1]))
        .order_by("-submitted_at", "agency__code")
    )


def answers_of(*, response: Response) -> dict:
    return dict(Answer.objects.filter(response=response).values_list("question_code", "value"))


def answers_with_authors(*, response: Response) -> dict[str, Answer]:
    """The current answers by question code, with who changed each last (one query)."""
    answers = Answer.objects.filter(response=response).select_related("updated_by")
    return {a.question_code: a for a in answers}


def answer_history(*, response: Response, question_code: str) -> list[AnswerChange]:
    return list(
        AnswerChange.objects.filter(answer__response=response, answer__question_code=question_code)
        .select_related("changed_by")
        .order_by("-version")
    )


def evidence_by_question(*, response: Response) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = {}
    for evidence in Evidence.objects.filter(response=response).select_related("uploaded_by"):
        found.setdefault(evidence.question_code, []).append(evidence)
    return found


def evidence_states_of(*, response_id: int) -> dict[str, str]:
    """`{question_code: "present" | "rejected"}`, what scoring reads of a response's evidence."""
    states: dict[str, list[str]] = {}
    rows = Evidence.objects.filter(response_id=response_id).values_list("question_code", "review_state")
    for code, state in rows:
        states.setdefault(code, []).append(state)
    return evidence_states(states)


def review_comments_by_question(*, response: Response) -> dict[str, list[ReviewComment]]:
    found: dict[str, list[ReviewComment]] = {}
    for comment in ReviewComment.objects.filter(response=response).select_related("author"):
        found.setdefault(comment.question_code, []).append(comment)
    return found


def previous_answers(*, response: Response) -> dict:
    """The agency's answers in the previous cycle (by year), by question code; one query."""
    if response.cycle_id is None:
        return {}
    previous_cycle = Cycle.objects.filter(year__lt=response.cycle.year).order_by("-year").values("pk")[:1]
    rows = Answer.objects.filter(
        response__agency_id=response.agency_id, response__cycle_id=Subquery(previous_cycle)
    ).values_list("question_code", "value")
    return {code: value for code, value in rows if value not in (None, "", [])}


def score_card_of(*, response: Response) -> ScoreCard | None:
    return ScoreCard.objects.filter(response=response, questionnaire_id=response.questionnaire_id).first()


@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    targets_by_kind: dict[str, int]
    responses_by_status: dict[str, int]

    @property
    def department_level(self) -> int:
        """Department-level agencies, regional administration units included (as DGA counts)."""
        return self.targets_by_kind.get(AgencyKind.DEPARTMENT, 0) + self.regional

    @property
    def regional(self) -> int:
        return self.targets_by_kind.get(AgencyKind.REGIONAL, 0)

    @property
    def pcio(self) -> int:
        return self.targets_by_kind.get(AgencyKind.PCIO, 0)

    @property
    def other(self) -> int:
        return self.targets_by_kind.get(AgencyKind.OTHER, 0)

    @property
    def total(self) -> int:
        return sum(self.targets_by_kind.values())


def cycle_summary(*, cycle: Cycle) -> CycleSummary:
    kinds = CycleTarget.objects.filter(cycle=cycle).values_list("agency__kind").annotate(n=Count("pk"))
    statuses = Response.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk"))
    return CycleSummary(cycle, dict(kinds), dict(statuses))


def dashboard_rows(*, cycle: Cycle) -> list[dashboard.Row]:
    """One row per target agency of the cycle: its response's status and current scores."""
    cards = {
        c.response_id: c
        for c in ScoreCard.objects.filter(questionnaire=cycle.questionnaire, response__cycle=cycle).only(
            "response_id", "total", "band", "card"
        )
    }
    responses = {
        r.agency_id: r for r in Response.objects.filter(cycle=cycle).only("id", "agency_id", "status")
    }
    pillar_codes = [p.code for p in cycle.questionnaire.parsed.pillars]
    rows = []
    targets = CycleTarget.objects.filter(cycle=cycle).select_related("agency__ministry")
    for target in targets:
        agency = target.agency
        response = responses.get(agency.pk)
        card = cards.get(response.pk) if response else None
        nodes = card.card["nodes"] if card else {}
        rows.append(
            dashboard.Row(
                agency=agency.code,
                kind=agency.kind,
                ministry=agency.ministry.code if agency.ministry_id else "",
                status=response.status if response else "not_started",
                total=card.total if card else None,
                band=card.band or None if card else None,
                pillars={p: nodes.get(p, {}).get("score") for p in pillar_codes},
            )
        )
    return rows


def _node_score(code: str) -> Cast:
    """A node's score from the stored card, in the database (no card loaded into Python)."""
    return Cast(KeyTextTransform("score", KeyTransform(code, KeyTransform("nodes", "card"))), FloatField())


def score_rows(*, questionnaire: Questionnaire) -> tuple[list[str], Iterator[list]]:
    """`agency,total,band,<pillar code>...` per scored response, by agency code (export_scores)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    annotations = {f"pillar_{i}": _node_score(code) for i, code in enumerate(pillars)}
    cards = (
        ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
        .annotate(**annotations)
        .order_by("response__agency__code")
        .values_list("response__agency__code", "total", "band", *annotations)
    )
    return ["agency", "total", "band", *pillars], (list(row) for row in cards.iterator(chunk_size=500))


def pillar_averages(*, questionnaire: Questionnaire, kind: str | None = None) -> dict[str, float | None]:
    """The mean score of every pillar over the questionnaire's score cards (of one agency kind)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    cards = ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
    if kind:
        cards = cards.filter(response__agency__kind=kind)
    means = cards.aggregate(**{f"p{i}": Avg(_node_score(code)) for i, code in enumerate(pillars)})
    return {code: means[f"p{i}"] for i, code in enumerate(pillars)}


@dataclass(frozen=True)
class JobProgress:
    job: ScoringJob
    done: int
    failed: int

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.job.total

    @property
    def percent(self) -> int:
        return 100 if not self.job.total else int(100 * (self.done + self.failed) / self.job.total)


def scoring_job_progress(*, job: ScoringJob) -> JobProgress:
    counts = dict(
        Response.objects.filter(score_job=job, score_state__in=[ScoreState.DONE, ScoreState.FAILED])
        .values_list("score_state")
        .annotate(n=Count("pk"))
    )
    return JobProgress(job, counts.get(ScoreState.DONE, 0), counts.get(ScoreState.FAILED, 0))


def latest_scoring_job(*, questionnaire: Questionnaire) -> ScoringJob | None:
    return ScoringJob.objects.filter(questionnaire=questionnaire).select_related("requested_by").first()


def adjustments_of(*, response_id: int) -> dict[str, Adjustment]:
    """Reviewers' replacements of question scores, as the engine takes them."""
    rows = ScoreAdjustment.objects.filter(response_id=response_id).select_related("by")
    return {a.question_code: Adjustment(a.score, a.reason, str(a.by) if a.by else "") for a in rows}


def adjustments_by_question(*, response: Response) -> dict[str, ScoreAdjustment]:
    return {
        a.question_code: a for a in ScoreAdjustment.objects.filter(response=response).select_related("by")
    }


@dataclass(frozen=True)
class QueueFilters:
    """What the review queue is narrowed to and sorted by (already validated)."""

    cycle: Cycle | None
    status: str = ""
    ministry: str = ""
    kind: str = ""
    band: str = ""
    evidence_waiting: bool = False
    sort: str = "-submitted_at"


QUEUE_SORTS = {
    "agency": ("agency__code",),
    "-agency": ("-agency__code",),
    "submitted_at": (F("submitted_at").asc(nulls_last=True), "agency__code"),
    "-submitted_at": (F("submitted_at").desc(nulls_last=True), "agency__code"),
    "total": (F("total").asc(nulls_last=True), "agency__code"),
    "-total": (F("total").desc(nulls_last=True), "agency__code"),
    "status": ("status", "agency__code"),
}
REVIEW_STATUSES = ("submitted", "under_review", "returned", "accepted")


def review_queue(*, user: User, filters: QueueFilters) -> QuerySet[Response]:
    """The responses that reached DGA, filtered and sorted, each with its score and the number
    of evidence files waiting for review: one query however many there are."""
    cards = ScoreCard.objects.filter(response=OuterRef("pk"), questionnaire=OuterRef("questionnaire"))
    waiting = (
        Evidence.objects.filter(response=OuterRef("pk"), review_state=EvidenceState.PENDING)
        .values("response")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        responses_visible_to(user)
        .select_related("agency__ministry")
        .filter(status__in=REVIEW_STATUSES)
        .annotate(
            total=Subquery(cards.values("total")[:1]),
            band=Subquery(cards.values("band")[:1]),
            waiting=Coalesce(Subquery(waiting), 0),
        )
    )
    if filters.cycle is not None:
        qs = qs.filter(cycle=filters.cycle)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.ministry:
        qs = qs.filter(agency__ministry__code=filters.ministry)
    if filters.kind:
        qs = qs.filter(agency__kind=filters.kind)
    if filters.band:
        qs = qs.filter(band=filters.band)
    if filters.evidence_waiting:
        qs = qs.filter(waiting__gt=0)
    return qs.order_by(*QUEUE_SORTS.get(filters.sort, QUEUE_SORTS["-submitted_at"]))


def audit_of_response(*, response: Response) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type="surveys.response", target_id=str(response.pk)
    ).select_related("actor")


def audit_of_user(*, person: User) -> QuerySet[AuditEvent]:
    """What a person did, and what was done to their roles."""
    about = Q(target_type="agencies.user", target_id=str(person.pk))
    return AuditEvent.objects.filter(Q(actor=person) | about).select_related("actor")


def previous_score_card(*, response: Response) -> ScoreCard | None:
    """The same agency's card of the latest earlier year: of the previous cycle, or of results
    imported with `import_results` (a questionnaire outside any cycle, by its year)."""
    year = response.cycle.year if response.cycle_id else response.questionnaire.year
    if year is None:
        return None
    return (
        ScoreCard.objects.filter(
            response__agency_id=response.agency_id, response__questionnaire=F("questionnaire")
        )
        .annotate(year=Coalesce("response__cycle__year", "questionnaire__year"))
        .filter(year__lt=year)
        .select_related("questionnaire")
        .order_by("-year", "-questionnaire__created_at")
        .first()
    )


def export_jobs_of(*, user: User) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user).select_related("questionnaire")
