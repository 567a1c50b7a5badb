"""A cycle's statistics as open data: per target group and for all, the figures of the dashboard
(targets, responses submitted, response rate, mean scores, agencies per band). Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

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


def cycle_statistics(
    rows: Iterable[dashboard.Row], *, pillars: Iterable[str], bands: Iterable[str]
) -> list[GroupStatistics]:
    """All targets first, then each target group that has targets, in the dashboard's order."""
    rows, pillars, bands = list(rows), list(pillars), list(bands)
    groups = [ALL, *(g for g in dashboard.GROUPS if any(r.kind == g for r in rows))]
    found = []
    for group in groups:
        members = [r for r in rows if group == ALL or r.kind == group]
        board = dashboard.build(members, pillars=pillars, bands=bands)
        totals = [r.total for r in members if r.status in dashboard.RESPONDED and r.total is not None]
        found.append(
            GroupStatistics(
                group=group,
                targets=board.overall.targets,
                responded=board.overall.responded,
                rate=board.overall.rate,
                mean_total=fmean(totals) if totals else None,
                pillar_means=board.pillar_means[ALL],
                bands=board.bands,
            )
        )
    return found
