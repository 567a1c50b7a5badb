"""Who may win a category: the rules of an award file applied to one agency's facts. Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

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
    return Judge(rules)(facts)


class Judge:
    """`ineligibility` under one category's rules, for thousands of agencies: each distinct failure
    (a kind, a status, a score below a minimum) is one Reason, made once and shared (reasons are
    read, never changed)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.made: dict[tuple, Reason] = {}

    def __call__(self, facts: Facts) -> tuple[Reason, ...]:
        rules = self.rules
        reasons: list[Reason] = []
        if rules.kinds and facts.kind not in rules.kinds:
            kind = facts.kind
            reasons.append(self.once("kind", kind, lambda: {"kind": kind, "allowed": list(rules.kinds)}))
        if facts.status not in rules.statuses:
            status = facts.status
            reasons.append(
                self.once("status", status, lambda: {"status": status, "allowed": list(rules.statuses)})
            )
        if rules.min_total is not None and (facts.total is None or facts.total < rules.min_total):
            total = facts.total
            reasons.append(self.once("min_total", total, lambda: {"score": total, "min": rules.min_total}))
        for code, minimum in rules.min_pillars.items():
            score = facts.nodes.get(code)
            if score is None or score < minimum:
                detail: Callable[[], dict] = partial(dict, pillar=code, score=score, min=minimum)
                reasons.append(self.once("min_pillar", score, detail, node=code))
        return tuple(reasons)

    def once(self, code: str, value: object, detail: Callable[[], dict], node: str = "") -> Reason:
        """The reason `code` for this value (of this node), made the first time. A zero is never
        shared (0.0 and -0.0 are one key but print apart), nor are equal values of other types."""
        if value == 0:
            return Reason(code, detail())
        key = (code, node, type(value), value)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = Reason(code, detail())
        return found
