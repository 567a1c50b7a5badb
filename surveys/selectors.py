"""Queries for pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from agencies.models import AgencyKind, User

from .access import responses_visible_to
from .models import Answer, Cycle, CycleTarget, Response, ScoreCard


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
