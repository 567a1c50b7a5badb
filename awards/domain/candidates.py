"""From agencies' facts to a category's ranked entries, with the numbers behind each. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from awards.domain.eligibility import Facts, Judge, in_group
from awards.domain.ranking import Entry, Reason, Triple, rank_triples
from awards.domain.spec import CategorySpec, Criterion

NO_PANEL_SCORE = (Reason("no_panel_score"),)


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
    judge, basis_score = Judge(spec.rules), _scorer(spec, previous, panel)
    candidates: list[Triple] = []
    raws: dict[str, tuple[float | None, Mapping[str, Any]]] = {}
    for f in facts:
        if not in_group(spec.rules, f) or (shortlist and f.agency not in shortlist):
            continue
        reasons = judge(f)
        score, detail, extra = basis_score(f)
        if extra:
            reasons += extra
        raws[f.agency] = (score, detail)
        candidates.append((f.agency, score, reasons))
    entries = rank_triples(candidates, precision=spec.precision, winners=spec.winners)
    return [Ranked(e, *raws[e.agency]) for e in entries]


Scored = tuple[float | None, Mapping[str, Any], tuple[Reason, ...]]


def _scorer(
    spec: CategorySpec, previous: Mapping[str, float | None], panel: Mapping[str, list[float]]
) -> Callable[[Facts], Scored]:
    """The category's basis as a function of one agency's facts: its score, the numbers behind it,
    and why there is none. What is the same for every agency (a detail, a reason) is made once."""
    if spec.basis == "total":
        nothing: Mapping[str, Any] = {}
        return lambda f: (f.total, nothing, ())
    if spec.basis in ("pillar", "indicator"):
        node, which = spec.node, {spec.basis: spec.node}
        return lambda f: (f.nodes.get(node), which, ())
    if spec.basis == "improvement":
        no_previous = (Reason("no_previous", {"compare_to": spec.compare_to}),)

        def improvement(f: Facts) -> Scored:
            before = previous.get(f.agency)
            detail = {"total": f.total, "previous": before, "compare_to": spec.compare_to}
            if before is None:
                return None, detail, no_previous
            return (f.total - before if f.total is not None else None), detail, ()

        return improvement

    def panel_score(f: Facts) -> Scored:
        sheets = panel.get(f.agency, [])
        detail = {"evaluators": len(sheets)}
        if not sheets:
            return None, detail, NO_PANEL_SCORE
        return panel_mean(sheets), detail, ()

    return panel_score
