"""The cycle dashboard's figures, computed from one row per target agency. Pure.

Every figure is a count over a *selection* of rows, so each one can be drilled down to
the agencies behind it with the same rule (`select`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import fmean

# Statuses that count as having responded: the agency submitted (DGA may have returned it since).
RESPONDED = frozenset({"submitted", "under_review", "returned", "accepted"})
STARTED = frozenset({"draft", "awaiting_approval"}) | RESPONDED
GROUPS = ("department", "regional", "pcio", "other")
MEASURES = ("targets", "started", "awaiting_approval", "responded", "accepted")


@dataclass(frozen=True)
class Row:
    agency: str
    kind: str
    ministry: str
    status: str
    total: float | None = None
    band: str | None = None
    pillars: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Rates:
    """Counts of one slice of the targets, and its response rate."""

    targets: int
    started: int
    awaiting_approval: int
    responded: int
    accepted: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.targets if self.targets else None


def matches(row: Row, measure: str) -> bool:
    if measure == "targets":
        return True
    if measure == "started":
        return row.status in STARTED
    if measure == "responded":
        return row.status in RESPONDED
    return row.status == measure  # awaiting_approval, accepted


def select(
    rows: Iterable[Row],
    *,
    measure: str = "targets",
    group: str | None = None,
    ministry: str | None = None,
    band: str | None = None,
    decile: int | None = None,
) -> list[Row]:
    """The rows behind one figure of the dashboard."""
    chosen = []
    for row in rows:
        if (group and row.kind != group) or (ministry and row.ministry != ministry):
            continue
        if band is not None and (row.band != band or row.status not in RESPONDED):
            continue
        if decile is not None and (
            row.total is None or row.status not in RESPONDED or _decile(row.total) != decile
        ):
            continue
        if matches(row, measure):
            chosen.append(row)
    return chosen


def rates(rows: Iterable[Row]) -> Rates:
    rows = list(rows)
    return Rates(*(sum(matches(r, m) for r in rows) for m in MEASURES))


def _decile(total: float) -> int:
    return min(9, int(total * 10 + 1e-9))


@dataclass(frozen=True)
class Dashboard:
    overall: Rates
    by_group: dict[str, Rates]
    by_ministry: dict[str, Rates]
    bands: dict[str, int]
    deciles: list[int]
    pillar_means: dict[str, dict[str, float | None]]  # group → pillar → mean of responded


def build(rows: Iterable[Row], *, pillars: Iterable[str], bands: Iterable[str]) -> Dashboard:
    rows = list(rows)
    pillars = list(pillars)
    responded = [r for r in rows if r.status in RESPONDED]
    by_group = {g: rates(r for r in rows if r.kind == g) for g in GROUPS if any(r.kind == g for r in rows)}
    ministries = sorted({r.ministry for r in rows})
    deciles = [0] * 10
    for row in responded:
        if row.total is not None:
            deciles[_decile(row.total)] += 1
    means = {}
    for group in [*by_group, "all"]:
        members = [r for r in responded if group == "all" or r.kind == group]
        means[group] = {p: _mean(r.pillars.get(p) for r in members) for p in pillars}
    return Dashboard(
        overall=rates(rows),
        by_group=by_group,
        by_ministry={m: rates(r for r in rows if r.ministry == m) for m in ministries},
        bands={b: sum(1 for r in responded if r.band == b) for b in bands},
        deciles=deciles,
        pillar_means=means,
    )


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None
