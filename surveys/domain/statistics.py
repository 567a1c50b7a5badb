"""A cycle's statistics as open data: per target group and for all, the figures of the dashboard
(targets, responses submitted, response rate, mean scores, agencies per band). Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from surveys.domain import dashboard

ALL = "all"


@dataclass(frozen=True)
class GroupStatistics:
    group: str  # an agency kind (department, regional, pcio, other) or "all"
    targets: int
    responded: int
    rate: float | None  # responded / targets
    mean_total: float | None  # over the responses submitted that have a score
    pillar_means: dict[str, float | None]  # scored pillar → mean over the responses submitted
    bands: dict[str, int]  # band → agencies whose submitted response is in it


@dataclass(frozen=True)
class GroupScores:
    """What the database counted of one group's submitted responses (or of all: group "all")."""

    bands: Mapping[str, int]  # band → agencies
    mean_total: float | None


def cycle_statistics(
    tallies: Iterable[dashboard.Tally],
    scores: dashboard.Scores,
    group_scores: Mapping[str, GroupScores],
    *,
    pillars: Iterable[str],
    bands: Iterable[str],
) -> list[GroupStatistics]:
    """All targets first, then each target group that has targets, in the dashboard's order: the
    dashboard's own figures (`dashboard.build`), with each group's bands and mean total."""
    pillars, bands = list(pillars), list(bands)
    board = dashboard.build(tallies, scores, pillars=pillars, bands=bands)
    found = []
    for group in [ALL, *board.by_group]:
        rates = board.overall if group == ALL else board.by_group[group]
        counted = group_scores.get(group, GroupScores({}, None))
        found.append(
            GroupStatistics(
                group=group,
                targets=rates.targets,
                responded=rates.responded,
                rate=rates.rate,
                mean_total=counted.mean_total,
                pillar_means=board.pillar_means[group],
                bands={b: counted.bands.get(b, 0) for b in bands},
            )
        )
    return found
