"""A national-size year in bulk: the ITA's 8,300 target agencies (NATIONAL_AGENCIES to change it),
25,000 officers in proportion, one cycle, a response of 150 answers per agency, its score card and
evidence waiting on a third of them. Built with bulk_create, so a full year takes about a minute."""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from agencies.models import Agency, AgencyKind, Membership, MembershipRole, Ministry, Province, User
from benchmarks.questionnaire import answers_150, definition_150
from surveys.domain.definition_parser import parse_definition
from surveys.domain.scoring import score_response
from surveys.models import (
    Answer,
    Cycle,
    CycleTarget,
    Evidence,
    Questionnaire,
    Response,
    ResponseStatus,
    ScoreCard,
    node_scores_of,
)
from tests.factories import QuestionnaireFactory

AGENCIES = int(os.environ.get("NATIONAL_AGENCIES", "8300"))
OFFICERS = round(AGENCIES * 25_000 / 8_300)
MINISTRIES = 20
PATTERNS = 997  # distinct answer sets (each scored once by the engine, its card reused)
# Every response reached DGA (so all are scored); the statuses a queue filters on are all present.
STATUSES = [
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.ACCEPTED,
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.ACCEPTED,
    ResponseStatus.RETURNED,
]


@dataclass(frozen=True)
class Year:
    cycle: Cycle
    questionnaire: Questionnaire
    agencies: int
    seconds: float


def build(agencies: int = AGENCIES) -> Year:
    """Everything but the answers (the dashboard, queues and rankings read score cards)."""
    started = time.perf_counter()
    rng = random.Random(2566)
    questionnaire = QuestionnaireFactory(definition=definition_150())
    today = timezone.localdate()
    opens, closes = today - timedelta(30), today + timedelta(30)
    cycle = Cycle.objects.create(year=2566, questionnaire=questionnaire, opens_on=opens, closes_on=closes)
    ministries = Ministry.objects.bulk_create(
        [Ministry(code=f"N{m:02d}", name_th=f"กระทรวง {m}") for m in range(MINISTRIES)]
    )
    province = Province.objects.create(code="TH-10", name_th="กรุงเทพมหานคร", region="central")
    kinds = [AgencyKind.DEPARTMENT] * 6 + [AgencyKind.REGIONAL] * 3 + [AgencyKind.OTHER]
    rows = []
    for i in range(agencies):
        kind = AgencyKind.PCIO if i % 100 == 0 else kinds[i % 10]
        rows.append(
            Agency(
                code=f"N{i:05d}",
                name_th=f"หน่วยงาน {i}",
                ministry=ministries[i % MINISTRIES],
                kind=kind,
                province=province if kind == AgencyKind.PCIO else None,
            )
        )
    made = Agency.objects.bulk_create(rows, batch_size=2000)
    CycleTarget.objects.bulk_create([CycleTarget(cycle=cycle, agency=a) for a in made], batch_size=2000)
    officers = User.objects.bulk_create(
        [
            User(email=f"officer{n}@bench.example", full_name=f"เจ้าหน้าที่ {n}", password="!")  # noqa: S106 (unusable)
            for n in range(round(agencies * 25_000 / 8_300))
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, agency=made[n % agencies], role=MembershipRole.OFFICER)
            for n, u in enumerate(officers)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    responses = Response.objects.bulk_create(
        [
            Response(
                agency=a,
                questionnaire=questionnaire,
                cycle=cycle,
                status=STATUSES[i % len(STATUSES)],
                submitted_at=now - timedelta(minutes=rng.randrange(60 * 24 * 30)),
            )
            for i, a in enumerate(made)
        ],
        batch_size=2000,
    )
    definition = parse_definition(definition_150())
    cards = {}
    for seed in range(PATTERNS):
        card = score_response(definition, answers_150(seed), {})
        cards[seed] = (card.total, card.band or "", card.to_dict())
    ScoreCard.objects.bulk_create(
        [
            ScoreCard(
                response=r,
                questionnaire=questionnaire,
                total=cards[r.pk % PATTERNS][0],
                band=cards[r.pk % PATTERNS][1],
                card=cards[r.pk % PATTERNS][2],
                node_scores=node_scores_of(cards[r.pk % PATTERNS][2]),  # as the scoring service stores it
            )
            for r in responses
        ],
        batch_size=500,
    )
    Evidence.objects.bulk_create(
        [
            Evidence(response=r, question_code="P1.1.1", file="evidence/x.pdf", original_name="x.pdf",
                     content_type="application/pdf", extension=".pdf", size=1)
            for r in responses[::3]
        ],
        batch_size=2000,
    )  # fmt: skip
    _analyze()
    return Year(cycle, questionnaire, agencies, time.perf_counter() - started)


def _analyze() -> None:
    """Planner statistics and the visibility map, as autovacuum keeps them on a live database
    (within a minute of a bulk load): without statistics PostgreSQL takes freshly loaded tables
    for empty ones and plans nested loops over 8,300 rows; without the visibility map every read
    checks each row's visibility and the first readers write the rows' hint bits."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.in_atomic_block is False else "ANALYZE")


def answers_add(year: Year) -> float:
    """150 answers per response (for scoring and the export); the seconds it took."""
    started = time.perf_counter()
    patterns = {seed: answers_150(seed) for seed in range(PATTERNS)}
    batch: list[Answer] = []
    for pk in Response.objects.filter(cycle=year.cycle).values_list("pk", flat=True):
        pattern = patterns[pk % PATTERNS]
        batch.extend(Answer(response_id=pk, question_code=c, value=v) for c, v in pattern.items())
        if len(batch) >= 15_000:
            Answer.objects.bulk_create(batch)
            batch = []
    Answer.objects.bulk_create(batch)
    _analyze()
    return time.perf_counter() - started
