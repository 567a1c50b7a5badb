"""Ranking (docs/contract.md#award-files-and-ranking): competition ranks on rounded scores. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class Reason:
    """Why an agency is not ranked: a code and the numbers behind it (for people and exports)."""

    code: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **dict(self.detail)}

    def __str__(self) -> str:
        if not self.detail:
            return self.code
        return f"{self.code}(" + ", ".join(f"{k}={v}" for k, v in self.detail.items()) + ")"


NO_SCORE = Reason("no_score")


@dataclass(frozen=True)
class Candidate:
    agency: str
    score: float | None
    ineligible: tuple[Reason, ...] = ()  # empty means eligible


@dataclass(frozen=True)
class Entry:
    agency: str
    score: Decimal | None
    rank: int | None
    winner: bool
    reasons: tuple[Reason, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.reasons


def round_score(score: float, precision: int) -> Decimal:
    """Round half up at `precision` decimals, from the float's shortest repr (no binary surprises)."""
    return Decimal(repr(float(score))).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def rank(candidates: Iterable[Candidate], *, precision: int, winners: int) -> list[Entry]:
    """Rank eligible candidates "1224"-style; ties at the winners' cut-off all win.

    Ineligible candidates (and those without a score) follow, unranked, with their reasons.
    """
    ranked: list[tuple[Decimal, str]] = []
    others: list[Entry] = []
    for c in candidates:
        if c.score is not None and not c.ineligible:
            ranked.append((round_score(c.score, precision), c.agency))
            continue
        reasons = c.ineligible if c.score is not None else (*c.ineligible, NO_SCORE)
        score = round_score(c.score, precision) if c.score is not None else None
        others.append(Entry(c.agency, score, None, False, tuple(reasons)))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    entries: list[Entry] = []
    place = 0
    for position, (score, agency) in enumerate(ranked, start=1):
        if not entries or entries[-1].score != score:
            place = position  # a tie keeps the place of the first of its scores
        entries.append(Entry(agency, score, place, place <= winners))
    return entries + sorted(others, key=lambda e: e.agency)
