"""Evidence files attached to answers, and their review state."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models.response import Response


class EvidenceState(models.TextChoices):
    PENDING = "pending", _("Not yet reviewed")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def evidence_path(instance: Evidence, filename: str) -> str:
    """A generated name: nothing of the uploader's file name reaches the disk."""
    return f"evidence/{instance.response.public_id}/{uuid.uuid4().hex}{instance.extension}"


class Evidence(models.Model):
    """A file attached to one question of a response."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="evidence"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    review_state = models.CharField(
        _("review state"), max_length=10, choices=EvidenceState.choices, default=EvidenceState.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["response", "question_code", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["response", "question_code"], name="evidence_response_question")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_state__in=EvidenceState.values), name="evidence_review_state_valid"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.original_name}"
