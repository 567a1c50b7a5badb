"""A cycle's statistics (open data): the dashboard's rows, reduced per target group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Max

from surveys.domain.definition import Band, Node
from surveys.domain.statistics import ALL, GroupScores, GroupStatistics, cycle_statistics
from surveys.models import Cycle, ScoreCard
from surveys.selectors.dashboard import dashboard_scores, dashboard_tallies, responded_cards


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
    codes = [p.code for p in pillars]
    groups = cycle_statistics(
        dashboard_tallies(cycle=cycle),
        dashboard_scores(cycle=cycle, pillars=codes),
        group_scores(cycle=cycle),
        pillars=codes,
        bands=[b.code for b in definition.bands],
    )
    return CycleStatistics(cycle, pillars, list(definition.bands), groups, scored_at(cycle=cycle))


def group_scores(*, cycle: Cycle) -> dict[str, GroupScores]:
    """Bands and mean totals of the submitted responses, per target group and for all: two
    grouped queries and one aggregate, however many agencies there are."""
    cards = responded_cards(cycle=cycle)
    kind = "response__agency__kind"
    bands: dict[str, dict[str, int]] = {ALL: {}}
    for group, band, n in cards.values_list(kind, "band").annotate(n=Count("pk")).order_by():
        bands.setdefault(group, {})[band] = n
        bands[ALL][band] = bands[ALL].get(band, 0) + n
    means = dict(cards.values_list(kind).annotate(m=Avg("total")).order_by())
    means[ALL] = cards.aggregate(m=Avg("total"))["m"]
    return {group: GroupScores(bands.get(group, {}), means.get(group)) for group in {*bands, *means}}


def scored_at(*, cycle: Cycle) -> datetime | None:
    """When a score of the cycle was last computed (None: nothing scored)."""
    return ScoreCard.objects.filter(response__cycle=cycle).aggregate(last=Max("computed_at"))["last"]
