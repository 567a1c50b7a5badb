"""Ranking (docs/contract.md#award-files-and-ranking): competition ranks on rounded scores. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from operator import itemgetter
from typing import Any


@dataclass(frozen=True)
class Reason:
    """Why an agency is not ranked: a code and the numbers behind it (for people and exports)."""

    code: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **dict(self.detail)}

    @cached_property
    def as_json(self) -> str:
        """`to_dict` as JSON, written once however many entries share the reason."""
        return json.dumps(self.to_dict())

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
    triples = ((c.agency, c.score, c.ineligible) for c in candidates)
    return rank_triples(triples, precision=precision, winners=winners)


Triple = tuple[str, float | None, tuple[Reason, ...]]  # a candidate's agency, score and ineligibility


def rank_triples(candidates: Iterable[Triple], *, precision: int, winners: int) -> list[Entry]:
    """`rank`, for thousands of candidates given as triples rather than Candidates."""
    rounded = _Rounder(precision)
    ranked: list[tuple[Decimal, str]] = []
    others: list[tuple[str, Entry]] = []
    for agency, raw, ineligible in candidates:
        if raw is not None and not ineligible:
            ranked.append((rounded(raw), agency))
            continue
        reasons = ineligible if raw is not None else (*ineligible, NO_SCORE)
        score = rounded(raw) if raw is not None else None
        others.append((agency, Entry(agency, score, None, False, tuple(reasons))))
    # Best score first, then by agency: the agencies in order, then a stable sort on the score alone.
    ranked.sort(key=itemgetter(1))
    ranked.sort(key=itemgetter(0), reverse=True)
    entries: list[Entry] = []
    place, last = 0, None
    for position, (score, agency) in enumerate(ranked, start=1):
        if position == 1 or last != score:
            place, last = position, score  # a tie keeps the place of the first of its scores
        entries.append(Entry(agency, score, place, place <= winners))
    others.sort(key=itemgetter(0))
    return entries + [entry for _, entry in others]


class _Rounder(dict):
    """round_score at one precision, each distinct score rounded once (thousands of agencies
    share a few hundred scores). Zero is not remembered: 0.0 and -0.0 are one key but two reprs."""

    def __init__(self, precision: int) -> None:
        super().__init__()
        self.precision = precision

    def __call__(self, score: float) -> Decimal:
        found = self.get(score)
        if found is None:
            found = round_score(score, self.precision)
            if score:
                self[score] = found
        return found
