"""DGA's review: comments on questions and score adjustments with their reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models.response import Response


class ReviewComment(models.Model):
    """DGA's comment on one question of a response, shown to the agency beside the question."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="review_comments"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    body = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["response", "question_code", "created_at", "pk"]
        indexes = [models.Index(fields=["response", "question_code"], name="review_comment_question")]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.body[:40]}"


class ScoreAdjustment(models.Model):
    """A reviewer's replacement of one question's score (a fraction), with the reason."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="adjustments"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    score = models.FloatField(_("score (fraction 0..1)"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adjusted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("adjusted at"), auto_now=True)

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["response", "question_code"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="score_adjustment_unique"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="score_adjustment_fraction"),
            models.CheckConstraint(condition=~Q(reason=""), name="score_adjustment_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} := {self.score}"


class ProposalKind(models.TextChoices):
    ADJUST = "adjust", _("Score adjustment")
    RETURN = "return", _("Return for revision")
    ACCEPT = "accept", _("Acceptance")


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Waiting for a second reviewer")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewProposal(models.Model):
    """Four eyes on score changes: a reviewer's change that counts only once a second reviewer
    confirms it — a large adjustment, or returning/accepting a response with adjustments."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    question_code = models.CharField(_("question code"), max_length=100, blank=True)
    score = models.FloatField(_("proposed score (fraction 0..1)"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    state = models.CharField(
        _("state"), max_length=10, choices=ProposalState.choices, default=ProposalState.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change waiting for a second reviewer")
        verbose_name_plural = _("changes waiting for a second reviewer")
        ordering = ["response", "proposed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProposalKind.values), name="proposal_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="proposal_has_reason"),
            models.CheckConstraint(
                condition=~Q(kind="adjust") | Q(score__gte=0, score__lte=1, question_code__gt=""),
                name="proposal_adjust_has_score",
            ),
            # The same person never confirms their own change.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="proposal_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["response", "kind", "question_code"],
                condition=Q(state="pending"),
                name="proposal_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.question_code} ({self.state})"
