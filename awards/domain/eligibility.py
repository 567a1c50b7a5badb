"""Who may win a category: the rules of an award file applied to one agency's facts. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from awards.domain.ranking import Reason

DEFAULT_STATUSES = ("accepted",)


@dataclass(frozen=True)
class Rules:
    """`eligible:` of a category. Empty `kinds` means every kind."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    min_total: float | None = None
    min_pillars: Mapping[str, float] = field(default_factory=dict)  # pillar or indicator code → min

    def to_dict(self) -> dict:
        data: dict = {"statuses": list(self.statuses)}
        if self.kinds:
            data["kinds"] = list(self.kinds)
        if self.min_total is not None:
            data["min_total"] = self.min_total
        if self.min_pillars:
            data["min_pillars"] = dict(self.min_pillars)
        return data


@dataclass(frozen=True)
class Facts:
    """What the ranking knows of one agency: its kind, its response's status, its scores."""

    agency: str
    kind: str
    status: str | None
    total: float | None
    nodes: Mapping[str, float | None] = field(default_factory=dict)


def in_group(rules: Rules, facts: Facts) -> bool:
    """Whether the agency belongs to the category's group (its kinds) at all."""
    return not rules.kinds or facts.kind in rules.kinds


def ineligibility(rules: Rules, facts: Facts) -> tuple[Reason, ...]:
    """Every rule the agency fails, each with the numbers that failed it; empty when eligible."""
    reasons: list[Reason] = []
    if not in_group(rules, facts):
        reasons.append(Reason("kind", {"kind": facts.kind, "allowed": list(rules.kinds)}))
    if facts.status not in rules.statuses:
        reasons.append(Reason("status", {"status": facts.status, "allowed": list(rules.statuses)}))
    if rules.min_total is not None and (facts.total is None or facts.total < rules.min_total):
        reasons.append(Reason("min_total", {"score": facts.total, "min": rules.min_total}))
    for code, minimum in rules.min_pillars.items():
        score = facts.nodes.get(code)
        if score is None or score < minimum:
            reasons.append(Reason("min_pillar", {"pillar": code, "score": score, "min": minimum}))
    return tuple(reasons)
