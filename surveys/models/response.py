"""An agency's response to a cycle, its answers, their history and the response's events."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from surveys.domain.workflow import Status
from surveys.models.cycle import Cycle, CycleTarget
from surveys.models.questionnaire import Questionnaire


class ResponseStatus(models.TextChoices):
    NOT_STARTED = Status.NOT_STARTED, _("Not started")
    DRAFT = Status.DRAFT, _("Draft")
    AWAITING_APPROVAL = Status.AWAITING_APPROVAL, _("Awaiting approval")
    SUBMITTED = Status.SUBMITTED, _("Submitted")
    UNDER_REVIEW = Status.UNDER_REVIEW, _("Under review")
    RETURNED = Status.RETURNED, _("Returned for revision")
    ACCEPTED = Status.ACCEPTED, _("Accepted")


class ScoreState(models.TextChoices):
    NONE = "none", _("Not scored")
    PENDING = "pending", _("Score pending")
    RUNNING = "running", _("Scoring")
    DONE = "done", _("Scored")
    FAILED = "failed", _("Scoring failed")


class ResponseQuerySet(models.QuerySet):
    def with_agency_deadline(self) -> ResponseQuerySet:
        """Annotate each response with its agency's extended deadline (None: the cycle's close
        date), so the deadline check needs no query of its own."""
        targets = CycleTarget.objects.filter(cycle=models.OuterRef("cycle"), agency=models.OuterRef("agency"))
        return self.annotate(agency_deadline=models.Subquery(targets.values("deadline")[:1]))


class Response(models.Model):
    """One agency's response to one questionnaire version."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="responses"
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="responses",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score_state = models.CharField(
        _("score state"), max_length=10, choices=ScoreState.choices, default=ScoreState.NONE
    )
    score_requested_at = models.DateTimeField(_("score requested at"), null=True, blank=True)
    # Who is scoring it now (a task id), since when, how often tried for the latest request.
    score_claim = models.CharField(_("scoring claimed by"), max_length=64, blank=True)
    score_started_at = models.DateTimeField(_("scoring started at"), null=True, blank=True)
    score_attempts = models.PositiveSmallIntegerField(_("scoring attempts"), default=0)
    score_error = models.TextField(_("scoring error"), blank=True)
    score_job = models.ForeignKey(
        "ScoringJob",
        verbose_name=_("rescoring job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["agency__code"]
        # The review queue sorted by submission date reads a cycle's responses in that order, a
        # page at a time (its newest first, empty dates last, has a PostgreSQL index of its own:
        # migration 0011).
        indexes = [models.Index(fields=["cycle", "submitted_at"], name="response_cycle_submitted")]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "questionnaire"], name="response_one_per_agency_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ResponseStatus.values), name="response_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(score_state__in=ScoreState.values), name="response_score_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} · {self.questionnaire.code}"

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # replaces the one Django adds
        """The status's label in the active language (Django's own rebuilds a dict of every choice
        at each call: fifty times on a queue's page)."""
        try:
            return str(ResponseStatus(self.status).label)
        except ValueError:  # not a status (a row of before a migration): shown as it is stored
            return str(self.status)

    @property
    def year(self) -> int | None:
        """The year (B.E.) the response belongs to: its cycle's, or its questionnaire's outside one."""
        return self.cycle.year if self.cycle is not None else self.questionnaire.year


class Answer(models.Model):
    """The current answer to one question; `version` grows with every save."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    value = models.JSONField(_("value"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="answer_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="answer_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} = {self.value!r}"


class AnswerChange(models.Model):
    """Append-only history of an answer: who changed it, when, from what to what."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="changes"
    )
    version = models.PositiveIntegerField(_("version"))
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer change")
        verbose_name_plural = _("answer changes")
        ordering = ["answer", "version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="answer_change_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.version}"


class ResponseEvent(models.Model):
    """One transition of a response's status."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from status"), max_length=20, choices=ResponseStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=ResponseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response event")
        verbose_name_plural = _("response events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"
