"""Submission receipts: what an agency submitted, frozen at the moment of submission.

A receipt row is written once and never changed: its canonical JSON (answers, evidence file
hashes, who approved, when) and that JSON's SHA-256, the fingerprint printed on the PDF and
checked by the public /verify/<fingerprint> page. A later submission makes a new row; the old
one keeps verifying as the earlier submission."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from surveys.models.response import Response


class ImmutableRow(Exception):
    """A receipt is never changed or deleted once written."""


class ReceiptQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRow("submission receipts are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRow("submission receipts are never deleted")


class SubmissionReceipt(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.PROTECT, related_name="receipts"
    )
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64, unique=True, editable=False)
    canonical = models.TextField(_("submitted content (canonical JSON)"), editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), editable=False)
    answer_count = models.PositiveIntegerField(_("answers"), editable=False)
    evidence_count = models.PositiveIntegerField(_("evidence files"), editable=False)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")
        ordering = ["response", "-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("fingerprint"), 64), name="receipt_fingerprint_sha256"
            ),
        ]

    def __str__(self) -> str:
        return self.fingerprint

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRow("submission receipts are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRow("submission receipts are never deleted")
