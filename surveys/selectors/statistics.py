"""A cycle's statistics (open data): the dashboard's rows, reduced per target group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

from surveys.domain.definition import Band, Node
from surveys.domain.statistics import GroupStatistics, cycle_statistics
from surveys.models import Cycle, ScoreCard
from surveys.selectors.dashboard import dashboard_rows


@dataclass(frozen=True)
class CycleStatistics:
    cycle: Cycle
    pillars: list[Node]  # the scored pillars of the main questionnaire, as on the dashboard
    bands: list[Band]
    groups: list[GroupStatistics]
    scored_at: datetime | None  # when a score behind the figures last changed


def statistics_of(*, cycle: Cycle) -> CycleStatistics:
    definition = cycle.questionnaire.parsed
    pillars = [p for p in definition.pillars if p.weight > 0]
    groups = cycle_statistics(
        dashboard_rows(cycle=cycle),
        pillars=[p.code for p in pillars],
        bands=[b.code for b in definition.bands],
    )
    return CycleStatistics(cycle, pillars, list(definition.bands), groups, scored_at(cycle=cycle))


def scored_at(*, cycle: Cycle) -> datetime | None:
    """When a score of the cycle was last computed (None: nothing scored)."""
    return ScoreCard.objects.filter(response__cycle=cycle).aggregate(last=Max("computed_at"))["last"]
