"""Reads behind the review workbench: the agencies queue (mine first, searched and sorted), each
reviewer's progress, and one response's evidence queue. A page's queries do not grow with the
number of agencies: counts are subqueries, progress is grouped in the database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from agencies.models import User
from agencies.selectors import agency_matches
from surveys.access import responses_visible_to
from surveys.models import (
    Answer,
    Cycle,
    Evidence,
    EvidenceState,
    ProposalState,
    Response,
    ResponseStatus,
    ReviewAssignment,
    ReviewProposal,
    ScoreCard,
)
from surveys.selectors.pillar import previous_cycle_sql

WORKBENCH_STATUSES = ("submitted", "under_review", "returned", "accepted")
WORKBENCH_SORTS = {
    "agency": ("agency__code",),
    "-waiting": (F("waiting").desc(), "agency__code"),
    "waiting": (F("waiting").asc(), "agency__code"),
    "ministry": (F("agency__ministry__code").asc(nulls_last=True), "agency__code"),
    "reviewer": (F("reviewer_name").asc(nulls_last=True), "agency__code"),
}


@dataclass(frozen=True)
class WorkbenchFilters:
    """What the agencies queue is narrowed to and sorted by (already validated)."""

    cycle: Cycle | None
    mine: bool = True
    query: str = ""
    ministry: str = ""
    reviewer: int | None = None
    waiting_only: bool = False
    sort: str = "-waiting"


def _count(state: str | None) -> Subquery:
    rows = Evidence.objects.filter(response=OuterRef("pk")).order_by()
    if state is not None:
        rows = rows.filter(review_state=state)
    return Subquery(rows.values("response").annotate(n=Count("pk")).values("n"), output_field=IntegerField())


def workbench_agencies(*, user: User, filters: WorkbenchFilters) -> QuerySet[Response]:
    """The responses of the cycle that reached DGA, with their reviewer, files waiting, decided,
    and score: one query (and a count) however many agencies there are."""
    cards = ScoreCard.objects.filter(response=OuterRef("pk"), questionnaire=OuterRef("questionnaire"))
    qs = (
        responses_visible_to(user)
        .select_related("agency__ministry")
        .filter(status__in=WORKBENCH_STATUSES)
        .annotate(
            total=Subquery(cards.values("total")[:1]),
            waiting=Coalesce(_count(EvidenceState.PENDING), Value(0)),
            files=Coalesce(_count(None), Value(0)),
            reviewer_name=F("agency__review_assignment__reviewer__full_name"),
            reviewer_id=F("agency__review_assignment__reviewer_id"),
        )
    )
    if filters.cycle is not None:
        qs = qs.filter(cycle=filters.cycle)
    if filters.mine:
        qs = qs.filter(agency__review_assignment__reviewer=user)
    if query := filters.query.strip():
        qs = qs.filter(agency_matches(query, via="agency"))
    if filters.ministry:
        qs = qs.filter(agency__ministry__code=filters.ministry)
    if filters.reviewer is not None:
        qs = qs.filter(agency__review_assignment__reviewer_id=filters.reviewer)
    if filters.waiting_only:
        qs = qs.filter(waiting__gt=0)
    return qs.order_by(*WORKBENCH_SORTS.get(filters.sort, WORKBENCH_SORTS["-waiting"]))


@dataclass
class ReviewerProgress:
    reviewer: User
    agencies: int = 0
    done: int = 0
    waiting: int = 0
    returned: int = 0


def reviewer_progress(*, cycle: Cycle | None) -> list[ReviewerProgress]:
    """Each reviewer's agencies, files decided and waiting, responses returned: four queries."""
    people = User.objects.filter(Q(is_reviewer=True) | Q(review_assignments__isnull=False)).distinct()
    found = {u.pk: ReviewerProgress(u) for u in people.order_by("full_name", "email")}
    by_reviewer = "agency__review_assignment__reviewer"
    for row in ReviewAssignment.objects.values("reviewer").annotate(n=Count("pk")):
        if row["reviewer"] in found:
            found[row["reviewer"]].agencies = row["n"]
    files = Evidence.objects.filter(response__status__in=WORKBENCH_STATUSES)
    responses = Response.objects.filter(status=ResponseStatus.RETURNED)
    if cycle is not None:
        files, responses = files.filter(response__cycle=cycle), responses.filter(cycle=cycle)
    pending = Q(review_state=EvidenceState.PENDING)
    rows = files.values(f"response__{by_reviewer}").annotate(
        waiting=Count("pk", filter=pending), done=Count("pk", filter=~pending)
    )
    for row in rows:
        if (person := found.get(row[f"response__{by_reviewer}"])) is not None:
            person.waiting, person.done = row["waiting"], row["done"]
    for row in responses.values(by_reviewer).annotate(n=Count("pk")):
        if (person := found.get(row[by_reviewer])) is not None:
            person.returned = row["n"]
    return list(found.values())


@dataclass
class QueueItem:
    """One evidence file in the queue, beside its question, the answers and the score it earns."""

    evidence: Evidence
    question: Any
    answer: Any = None  # the agency's answer's value
    previous: Any = None
    score: float | None = None
    reason: str = ""
    siblings: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class QueueCard:
    """What the queue shows of the response's stored score card: its total (None: no card)."""

    total: float | None


def evidence_queue(*, response: Response) -> list[Evidence]:
    """The response's files in questionnaire order (one query)."""
    order = {code: i for i, code in enumerate(response.questionnaire.parsed.questions_by_code)}
    files = list(Evidence.objects.filter(response=response).order_by())  # sorted below
    return sorted(files, key=lambda e: (order.get(e.question_code, len(order)), e.uploaded_at, e.pk))


def _facts_sql(vendor: str) -> str:
    """One statement for one file's facts, in SQL both databases read (only the JSON path differs):
    the ORM's five subqueries cost more to compile than the decision's own writes."""
    card, answer = ScoreCard._meta.db_table, Answer._meta.db_table
    response = Response._meta.db_table
    line = "c.card -> 'questions' -> %s" if vendor == "postgresql" else "json_extract(c.card, %s)"
    this_card = f"FROM {card} c WHERE c.response_id = %s AND c.questionnaire_id = %s ORDER BY c.id LIMIT 1"
    # Only table names from the models' Meta are formatted in; every value is a parameter.
    return (
        f"SELECT (SELECT 1 {this_card}), (SELECT c.total {this_card}), (SELECT {line} {this_card}),"  # noqa: S608
        f" (SELECT a.value FROM {answer} a WHERE a.response_id = %s AND a.question_code = %s),"
        f" (SELECT a.value FROM {answer} a JOIN {response} p ON p.id = a.response_id"
        f"  WHERE p.agency_id = %s AND a.question_code = %s AND p.cycle_id = {previous_cycle_sql()})"
    )


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def queue_item(
    *, response: Response, files: list[Evidence], evidence: Evidence | None
) -> tuple[QueueItem | None, QueueCard | None]:
    """What the reviewer needs to decide on one file — the agency's answer to its question, last
    year's, the question's line of the stored card — and the card's total: one statement, which
    reads neither the other answers nor the whole card."""
    code = evidence.question_code if evidence is not None else ""
    connection = connections[Response.objects.db]
    path = code if connection.vendor == "postgresql" else f"$.questions.{json.dumps(code)}"
    this_card = [response.pk, response.questionnaire_id]
    year = response.cycle.year if response.cycle is not None else -1  # no cycle: no earlier year
    params: list[Any] = [
        *this_card,
        *this_card,
        path,
        *this_card,
        response.pk,
        code,
        response.agency_id,
        code,
        year,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_facts_sql(connection.vendor), params)
        has_card, total, line, answer, previous = cursor.fetchone()
    card = QueueCard(total=total) if has_card else None
    if evidence is None:
        return None, card
    line, previous = _json(line), _json(previous)
    line = line if isinstance(line, dict) else {}
    return QueueItem(
        evidence=evidence,
        question=response.questionnaire.parsed.questions_by_code.get(code),
        answer=_json(answer),
        previous=None if previous in (None, "", []) else previous,
        score=line.get("score"),
        reason=line.get("reason") or "",
        siblings=[f for f in files if f.question_code == code and f.pk != evidence.pk],
    ), card


def next_waiting(files: list[Evidence], after: Evidence | None) -> Evidence | None:
    """The first file waiting for a decision after this one (wrapping round), or None."""
    start = files.index(after) + 1 if after in files else 0
    for candidate in files[start:] + files[:start]:
        if candidate.review_state == EvidenceState.PENDING and candidate != after:
            return candidate
    return None


def proposals_waiting(*, response: Response) -> QuerySet[ReviewProposal]:
    return ReviewProposal.objects.filter(response=response, state=ProposalState.PENDING).select_related(
        "proposed_by"
    )
