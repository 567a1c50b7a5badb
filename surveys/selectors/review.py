"""Queries behind DGA's review pages: the queue, adjustments, the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import AuditEvent, User
from common.paging import IdsFirst
from surveys.access import responses_visible_to
from surveys.domain.scoring import Adjustment
from surveys.models import (
    Cycle,
    Evidence,
    EvidenceState,
    Response,
    ScoreAdjustment,
    ScoreCard,
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


def adjustments_of(*, response_id: int) -> dict[str, Adjustment]:
    """Reviewers' replacements of question scores, as the engine takes them."""
    rows = ScoreAdjustment.objects.filter(response_id=response_id).select_related("by")
    return {a.question_code: Adjustment(a.score, a.reason, str(a.by) if a.by else "") for a in rows}


def adjustments_by_response(*, ids: list[int]) -> dict[int, dict[str, Adjustment]]:
    """`adjustments_of` for many responses in one query (batched scoring); absent: none."""
    found: dict[int, dict[str, Adjustment]] = {}
    for a in ScoreAdjustment.objects.filter(response_id__in=ids).select_related("by"):
        found.setdefault(a.response_id, {})[a.question_code] = Adjustment(
            a.score, a.reason, str(a.by) if a.by else ""
        )
    return found


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
# What a row of the queue shows: no other column of the response or its agency is read.
QUEUE_COLUMNS = (
    "public_id",
    "status",
    "score_state",
    "submitted_at",
    "questionnaire_id",
    "cycle__year",  # the name in force during the cycle (selectors.responses.responses_named)
    "agency__code",
    "agency__name_th",
    "agency__name_en",
    "agency__ministry__code",
    "agency__ministry__name_th",
    "agency__ministry__name_en",
)


def review_queue(*, user: User, filters: QueueFilters) -> IdsFirst[Response]:
    """The responses that reached DGA, filtered and sorted, each with its score and the number
    of evidence files waiting for review, as the paginator reads them: the page's ids first (the
    filters and the sort, joining only what they name: the current card's total for a sort by
    score), then those rows with what the page shows (common.paging)."""
    current = FilteredRelation("score_cards", condition=Q(score_cards__questionnaire=F("questionnaire")))
    qs = (
        responses_visible_to(user)
        .filter(status__in=REVIEW_STATUSES)
        .annotate(current_card=current, total=F("current_card__total"), band=F("current_card__band"))
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
        qs = qs.filter(Exists(_pending()))
    return IdsFirst(qs.order_by(*QUEUE_SORTS.get(filters.sort, QUEUE_SORTS["-submitted_at"])), _shown)


def _pending() -> QuerySet[Evidence]:
    return Evidence.objects.filter(response=OuterRef("pk"), review_state=EvidenceState.PENDING)


def _shown(rows: QuerySet[Response]) -> QuerySet[Response]:
    """A queue page's rows with every column the page shows, the agency's deadline and the number
    of files waiting (counted for the rows shown only)."""
    waiting = _pending().order_by().values("response_id").annotate(n=Count("pk")).values("n")
    return (
        rows.select_related(None)
        .select_related("agency__ministry", "cycle")
        .only(*QUEUE_COLUMNS)
        .annotate(waiting=Coalesce(Subquery(waiting), 0))
    )


def audit_of_response(*, response: Response) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type="surveys.response", target_id=str(response.pk)
    ).select_related("actor")


def audit_of_user(*, person: User) -> QuerySet[AuditEvent]:
    """What a person did, and what was done to their roles."""
    about = Q(target_type="agencies.user", target_id=str(person.pk))
    return AuditEvent.objects.filter(Q(actor=person) | about).select_related("actor")
