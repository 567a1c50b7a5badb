"""A survey cycle and its target agencies with their deadlines."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from surveys.models.questionnaire import Questionnaire


class Cycle(models.Model):
    """A survey year: its questionnaire, its dates and its target agencies."""

    year = models.PositiveIntegerField(_("year (B.E.)"), unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="cycles"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    targets = models.ManyToManyField(
        Agency, verbose_name=_("target agencies"), through="CycleTarget", related_name="cycles"
    )
    scores_visible_to_agencies = models.BooleanField(
        _("agencies see their score cards"),
        default=False,
        help_text=_("Once on, each agency's officers and approvers see their own score card."),
    )

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Cycle %(year)s") % {"year": self.year})


class CycleTarget(models.Model):
    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    deadline = models.DateField(
        _("extended deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the cycle's close date."),
    )

    class Meta:
        verbose_name = _("cycle target")
        verbose_name_plural = _("cycle targets")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="cycle_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.agency_id}"

    def closes_on(self) -> date:
        return self.deadline or self.cycle.closes_on
