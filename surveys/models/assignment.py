"""Which reviewer reviews which agency's responses (issue 14: the review workbench)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency


class ReviewAssignment(models.Model):
    """Which reviewer reviews one agency's responses: one reviewer per agency, given by a DGA admin."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="review_assignment"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["agency__code"]
        indexes = [models.Index(fields=["reviewer", "agency"], name="review_assignment_reviewer")]

    def __str__(self) -> str:
        return f"{self.agency.code} → {self.reviewer}"
