"""Score cards and the rescoring jobs that produce them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models.questionnaire import Questionnaire
from surveys.models.response import Response


class ScoreCard(models.Model):
    """The stored result of scoring one response against its questionnaire version."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="score_cards"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="+"
    )
    total = models.FloatField(_("total"), null=True, blank=True)
    band = models.CharField(_("band"), max_length=40, blank=True)
    card = models.JSONField(_("score card"))
    # The score of every pillar and indicator, {code: score or null}, copied from the card when it
    # is stored: the dashboard, queues and rankings aggregate it in SQL without reading the card.
    node_scores = models.JSONField(_("node scores"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("score card")
        verbose_name_plural = _("score cards")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "questionnaire"], name="score_card_one_per_response_version"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=1),
                name="score_card_total_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.total}"

    def save(self, *args, **kwargs) -> None:
        self.node_scores = node_scores_of(self.card)
        fields = kwargs.get("update_fields")
        if fields is not None and "card" in fields:
            kwargs["update_fields"] = {*fields, "node_scores"}
        super().save(*args, **kwargs)


def node_scores_of(card: dict) -> dict[str, float | None]:
    """A card's node scores, as `ScoreCard.node_scores` holds them (writers in bulk call it)."""
    return {code: node.get("score") for code, node in (card.get("nodes") or {}).items()}


class ScoringJob(models.Model):
    """A request to rescore every scoreable response of a questionnaire; its progress is
    read from the responses it covers (`Response.score_job`)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="scoring_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    total = models.PositiveIntegerField(_("responses to score"))
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scoring job")
        verbose_name_plural = _("scoring jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} · {self.created_at:%Y-%m-%d %H:%M}"
