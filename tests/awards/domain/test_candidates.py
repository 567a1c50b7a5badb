"""Category bases: total, pillar, improvement over an earlier questionnaire, panel mean. Pure."""

from decimal import Decimal

import pytest

from awards.domain.candidates import panel_fraction, panel_mean, rank_category
from awards.domain.eligibility import Facts, Rules
from awards.domain.spec import CategorySpec, Criterion
from common.bilingual import Text

T = Text("ทดสอบ", "Test")


def spec(**kw) -> CategorySpec:
    return CategorySpec(**{"code": "c", "title": T, "basis": "total", "precision": 4, "winners": 1, **kw})


def f(code: str, total: float | None, kind="department", **nodes) -> Facts:
    return Facts(code, kind, "accepted", total, nodes)


def test_improvement_ranks_by_total_minus_the_earlier_total():
    ranked = rank_category(
        spec(basis="improvement", compare_to="q-2565"),
        [f("A", 0.80), f("B", 0.60)],
        previous={"A": 0.75, "B": 0.40},
    )
    assert [(r.entry.agency, r.entry.score) for r in ranked] == [
        ("B", Decimal("0.2000")),
        ("A", Decimal("0.0500")),
    ]
    assert ranked[0].detail == {"total": 0.60, "previous": 0.40, "compare_to": "q-2565"}


def test_an_agency_without_an_earlier_result_cannot_show_improvement():
    (ranked,) = rank_category(spec(basis="improvement", compare_to="q-2565"), [f("A", 0.8)], previous={})
    assert ranked.entry.rank is None
    assert [r.code for r in ranked.entry.reasons] == ["no_previous", "no_score"]


def test_a_pillar_category_ranks_by_that_pillar():
    ranked = rank_category(spec(basis="pillar", node="P2"), [f("A", 0.9, P2=0.1), f("B", 0.1, P2=0.9)])
    assert [r.entry.agency for r in ranked] == ["B", "A"]


def test_agencies_of_other_kinds_are_not_part_of_the_category():
    ranked = rank_category(spec(rules=Rules(kinds=("pcio",))), [f("A", 0.9), f("P", 0.5, kind="pcio")])
    assert [r.entry.agency for r in ranked] == ["P"]


def test_the_panel_score_is_the_mean_of_the_evaluators_who_scored():
    ranked = rank_category(spec(basis="panel"), [f("A", 0.9), f("B", 0.9)], panel={"A": [0.5, 1.0]})
    assert ranked[0].entry.agency == "A"
    assert ranked[0].raw == pytest.approx(0.75)
    assert [r.code for r in ranked[1].entry.reasons] == ["no_panel_score", "no_score"]


def test_an_explicit_shortlist_limits_the_panel():
    ranked = rank_category(spec(basis="panel", shortlist=("B",)), [f("A", 0.9), f("B", 0.9)], panel={})
    assert [r.entry.agency for r in ranked] == ["B"]


def test_a_sheet_is_points_given_over_points_possible_capped_per_criterion():
    rubric = (Criterion("v", T, 60), Criterion("r", T, 40))
    assert panel_fraction({"v": 30, "r": 100}, rubric) == pytest.approx(0.7)


def test_nobody_scored_means_no_panel_score():
    assert panel_mean([]) is None
