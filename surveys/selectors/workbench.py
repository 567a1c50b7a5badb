"""Reads behind the review workbench: the agencies queue (mine first, searched and sorted), each
reviewer's progress, and one response's evidence queue. A page's queries do not grow with the
number of agencies: counts are subqueries, progress is grouped in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, JSONField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.fields.json import KeyTransform
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
    rows = Evidence.objects.filter(response=OuterRef("pk"))
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
    files = list(Evidence.objects.filter(response=response))
    return sorted(files, key=lambda e: (order.get(e.question_code, len(order)), e.uploaded_at, e.pk))


def queue_item(
    *, response: Response, files: list[Evidence], evidence: Evidence | None
) -> tuple[QueueItem | None, QueueCard | None]:
    """What the reviewer needs to decide on one file — the agency's answer to its question, last
    year's, the question's line of the stored card — and the card's total: one statement, which
    reads neither the other answers nor the whole card."""
    code = evidence.question_code if evidence is not None else ""
    answers = Answer.objects.filter(question_code=code).order_by()
    cards = ScoreCard.objects.filter(
        response=response.pk, questionnaire_id=response.questionnaire_id
    ).order_by("pk")
    facts: dict[str, Any] = {
        "has_card": Exists(cards),
        "total": Subquery(cards.values("total")[:1]),
        "line": Subquery(
            cards.annotate(line=KeyTransform(code, KeyTransform("questions", "card"))).values("line")[:1],
            output_field=JSONField(),
        ),
        "answer": Subquery(
            answers.filter(response=response.pk).values("value")[:1], output_field=JSONField()
        ),
    }
    if response.cycle is not None:
        earlier = Cycle.objects.filter(year__lt=response.cycle.year).order_by("-year").values("pk")[:1]
        before = answers.filter(response__agency_id=response.agency_id, response__cycle_id=Subquery(earlier))
        facts["previous"] = Subquery(before.values("value")[:1], output_field=JSONField())
    row = Response.objects.filter(pk=response.pk).values(**facts).get()
    card = QueueCard(total=row["total"]) if row["has_card"] else None
    if evidence is None:
        return None, card
    line = row["line"] if isinstance(row["line"], dict) else {}
    previous = row.get("previous")
    return QueueItem(
        evidence=evidence,
        question=response.questionnaire.parsed.questions_by_code.get(code),
        answer=row["answer"],
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
