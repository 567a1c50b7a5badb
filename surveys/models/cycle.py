"""A survey cycle and its target agencies with their deadlines."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyKind
from surveys.models.questionnaire import Questionnaire


class Cycle(models.Model):
    """A survey year: its questionnaires (one per target group), its dates and its target agencies.

    `questionnaire` is the main one (the department level's): the dashboard's bands and the pillars
    every group shares come from it; `CycleQuestionnaire` rows say which one each group answers."""

    year = models.PositiveIntegerField(_("year (B.E.)"), unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("main questionnaire"),
        on_delete=models.PROTECT,
        related_name="cycles",
        help_text=_("The department level's; a group without its own questionnaire answers this one."),
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
    scores_release_on = models.DateField(
        _("scores released on"),
        null=True,
        blank=True,
        help_text=_("The date DGA plans to show agencies their score cards, told to them until then."),
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

    def questionnaires_by_group(self) -> dict[str, Questionnaire]:
        """The questionnaire of every agency kind: its group's, else the main one."""
        mapped = {g.group: g.questionnaire for g in self.groups.select_related("questionnaire")}
        return {kind: mapped.get(kind, self.questionnaire) for kind in AgencyKind.values}


class CycleQuestionnaire(models.Model):
    """The questionnaire one target group (an agency kind) answers in a cycle."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("target group"), max_length=12, choices=AgencyKind.choices)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="cycle_groups"
    )

    class Meta:
        verbose_name = _("questionnaire of a target group")
        verbose_name_plural = _("questionnaires of the target groups")
        ordering = ["cycle", "group"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "group"], name="cycle_questionnaire_one_per_group"),
            models.CheckConstraint(
                condition=Q(group__in=AgencyKind.values), name="cycle_questionnaire_group_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.group} · {self.questionnaire_id}"


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
