"""From agencies' facts to a category's ranked entries, with the numbers behind each. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from awards.domain.eligibility import Facts, in_group, ineligibility
from awards.domain.ranking import Candidate, Entry, Reason, rank
from awards.domain.spec import CategorySpec, Criterion


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    raw: float | None  # the score before rounding
    detail: Mapping[str, Any] = field(default_factory=dict)


def panel_fraction(points: Mapping[str, float], rubric: Iterable[Criterion]) -> float:
    """One evaluator's sheet as a fraction: points given ÷ points possible."""
    rubric = list(rubric)
    possible = sum(c.max for c in rubric)
    given = sum(min(c.max, max(0.0, float(points.get(c.code, 0)))) for c in rubric)
    return given / possible if possible else 0.0


def panel_mean(fractions: Iterable[float]) -> float | None:
    """The panel's score: the mean of the evaluators who scored; None when nobody did."""
    found = list(fractions)
    return fmean(found) if found else None


def rank_category(
    spec: CategorySpec,
    facts: Iterable[Facts],
    *,
    previous: Mapping[str, float | None] | None = None,
    panel: Mapping[str, list[float]] | None = None,
) -> list[Ranked]:
    """Rank the agencies of the category's group. Agencies of other kinds are not part of it."""
    previous = previous or {}
    panel = panel or {}
    shortlist = set(spec.shortlist)
    candidates: list[Candidate] = []
    raws: dict[str, tuple[float | None, dict[str, Any]]] = {}
    for f in facts:
        if not in_group(spec.rules, f) or (shortlist and f.agency not in shortlist):
            continue
        reasons = list(ineligibility(spec.rules, f))
        score, detail, extra = _basis_score(spec, f, previous, panel)
        reasons += extra
        raws[f.agency] = (score, detail)
        candidates.append(Candidate(f.agency, score, tuple(reasons)))
    entries = rank(candidates, precision=spec.precision, winners=spec.winners)
    return [Ranked(e, *raws[e.agency]) for e in entries]


def _basis_score(
    spec: CategorySpec,
    f: Facts,
    previous: Mapping[str, float | None],
    panel: Mapping[str, list[float]],
) -> tuple[float | None, dict[str, Any], list[Reason]]:
    if spec.basis == "total":
        return f.total, {}, []
    if spec.basis in ("pillar", "indicator"):
        return f.nodes.get(spec.node), {spec.basis: spec.node}, []
    if spec.basis == "improvement":
        before = previous.get(f.agency)
        detail = {"total": f.total, "previous": before, "compare_to": spec.compare_to}
        if before is None:
            return None, detail, [Reason("no_previous", {"compare_to": spec.compare_to})]
        return (f.total - before if f.total is not None else None), detail, []
    sheets = panel.get(f.agency, [])
    detail = {"evaluators": len(sheets)}
    if not sheets:
        return None, detail, [Reason("no_panel_score")]
    return panel_mean(sheets), detail, []
