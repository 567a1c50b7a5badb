"""The cycle dashboard's figures, from counts the database makes. Pure.

Every figure is a count over a *selection* of target agencies, and each one drills down to the
agencies behind it with the same rule: `matches` (the measure) and `decile_bounds` (a decile of
totals) say what the database counts and what it lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Statuses that count as having responded: the agency submitted (DGA may have returned it since).
RESPONDED = frozenset({"submitted", "under_review", "returned", "accepted"})
STARTED = frozenset({"draft", "awaiting_approval"}) | RESPONDED
GROUPS = ("department", "regional", "pcio", "other")
MEASURES = ("targets", "started", "awaiting_approval", "responded", "accepted")
NOT_STARTED = "not_started"  # the status of a target agency without a response
EPSILON = 1e-9  # a total of 0.3 is in the 30–40% decile whatever its floating-point error


@dataclass(frozen=True)
class Tally:
    """How many target agencies of one kind and ministry have a response in one status."""

    kind: str
    ministry: str
    status: str
    count: int


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


def statuses(measure: str) -> frozenset[str] | None:
    """The statuses a measure counts; None: every target."""
    if measure == "targets":
        return None
    if measure == "started":
        return STARTED
    if measure == "responded":
        return RESPONDED
    return frozenset({measure})  # awaiting_approval, accepted


def matches(status: str, measure: str) -> bool:
    chosen = statuses(measure)
    return chosen is None or status in chosen


def decile_of(total: float) -> int:
    return min(9, int(total * 10 + EPSILON))


def decile_bounds(decile: int) -> tuple[float, float | None]:
    """The totals of a decile: from the first bound, below the second (None: up to 100%)."""
    return (decile - EPSILON) / 10, (decile + 1 - EPSILON) / 10 if decile < 9 else None


def rates(tallies: Iterable[Tally]) -> Rates:
    tallies = list(tallies)
    return Rates(*(sum(t.count for t in tallies if matches(t.status, m)) for m in MEASURES))


@dataclass(frozen=True)
class Scores:
    """The scores of the agencies that responded, counted and averaged by the database."""

    bands: Mapping[str, int]
    deciles: list[int]
    pillar_means: Mapping[str, Mapping[str, float | None]]  # kind or "all" → pillar → mean


@dataclass(frozen=True)
class Dashboard:
    overall: Rates
    by_group: dict[str, Rates]
    by_ministry: dict[str, Rates]
    bands: dict[str, int]
    deciles: list[int]
    pillar_means: dict[str, dict[str, float | None]]  # group → pillar → mean of responded


def build(
    tallies: Iterable[Tally], scores: Scores, *, pillars: Iterable[str], bands: Iterable[str]
) -> Dashboard:
    tallies = list(tallies)
    pillars = list(pillars)
    present = {t.kind for t in tallies}
    by_group = {g: rates(t for t in tallies if t.kind == g) for g in GROUPS if g in present}
    ministries = sorted({t.ministry for t in tallies})
    means = {}
    for group in [*by_group, "all"]:
        found = scores.pillar_means.get(group, {})
        means[group] = {p: found.get(p) for p in pillars}
    return Dashboard(
        overall=rates(tallies),
        by_group=by_group,
        by_ministry={m: rates(t for t in tallies if t.ministry == m) for m in ministries},
        bands={b: scores.bands.get(b, 0) for b in bands},
        deciles=list(scores.deciles),
        pillar_means=means,
    )
