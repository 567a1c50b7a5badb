"""Notifications: the inbox, each person's e-mail settings, the e-mail log and reminders.

A notification is kept in the portal whatever happens to its e-mail. Each e-mail is a row of
its own (to whom, kind, when, delivered or failed with the error), claimed with a conditional
UPDATE before it is sent, so a retried or duplicated task never sends it twice. A reminder is
one row per person, kind and day (a database constraint), however often the job runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from surveys.models.response import Response


class NotificationKind(models.TextChoices):
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    APPROVAL_WITHDRAWN = "approval_withdrawn", _("Approval request withdrawn")
    SUBMITTED = "submitted", _("Approved and submitted")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted by DGA")
    COMMENT = "comment", _("A DGA comment on a question")
    EVIDENCE_REJECTED = "evidence_rejected", _("Evidence rejected")
    DEADLINE_EXTENDED = "deadline_extended", _("Deadline extended")
    SCORES_RELEASED = "scores_released", _("Score card released")
    AWARD_PUBLISHED = "award_published", _("Award category published")
    DEADLINE_REMINDER = "deadline_reminder", _("Deadline reminder")
    APPROVAL_REMINDER = "approval_reminder", _("Reminder: waiting for your approval")


class Notification(models.Model):
    """One item of a person's inbox; its words are written in the reader's language when shown."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind}"


class NotificationSettings(models.Model):
    """A person's language for e-mail and the kinds they receive in the inbox only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="th")
    email_off = models.JSONField(_("kinds not e-mailed"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user_id)


class EmailState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One e-mail, written in its recipient's language when the notification was made."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    to = models.EmailField(_("to"))
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    state = models.CharField(
        _("state"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    claim = models.CharField(_("claimed by"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    tried_at = models.DateTimeField(_("last tried at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=EmailState.values), name="email_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=EmailState.SENT) | Q(sent_at__isnull=False), name="email_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to} · {self.kind} · {self.state}"


class Reminder(models.Model):
    """A reminder sent: at most one of a kind per person per day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    day = models.DateField(_("day"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind} · {self.day}"
