"""Queries for pages."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery

from agencies.models import User

from .access import responses_visible_to
from .models import Answer, Response, ScoreCard


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
