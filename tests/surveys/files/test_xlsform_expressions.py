"""XLSForm cells in the supported subset: relevant expressions and scoring cells."""

import pytest

from surveys.files.xlsform_expressions import parse_constraint, parse_relevant, parse_scoring


@pytest.mark.parametrize(
    ("relevant", "visible_if"),
    [
        ("${P1} = 'yes'", {"question": "P1", "equals": "yes"}),
        ("${N} > 5", {"question": "N", "gt": 5}),
        ("${N} < 5", {"question": "N", "lt": 5}),
        ("${A} != 'x'", {"not": {"question": "A", "equals": "x"}}),
        ("not(${A} = 'x')", {"not": {"question": "A", "equals": "x"}}),
        ("${A} = \u2018x\u2019", {"question": "A", "equals": "x"}),
        ("${P1} = 3", {"question": "P1", "equals": 3}),
        ("selected(${P2}, 'web')", {"question": "P2", "in": ["web"]}),
        ("selected(${P2}, 'web') or selected(${P2}, 'app')", {"question": "P2", "in": ["web", "app"]}),
        ("${N} >= 5", {"question": "N", "gte": 5}),
        ("${N}<=0.5", {"question": "N", "lte": 0.5}),
        ("count-selected(${M}) >= 2", {"question": "M", "count_selected": {"gte": 2}}),
        ("count-selected(${M}) = 0", {"question": "M", "count_selected": {"equals": 0}}),
        ("count-selected( ${M} )!=0", {"not": {"question": "M", "count_selected": {"equals": 0}}}),
        (
            "${A} = 'x' and ${B} >= 1 and selected(${C}, 'y')",
            {
                "all": [
                    {"question": "A", "equals": "x"},
                    {"question": "B", "gte": 1},
                    {"question": "C", "in": ["y"]},
                ]
            },
        ),
        (
            "${A} = 'x' or ${B} = 'y' and ${C} = 'z'",
            {
                "any": [
                    {"question": "A", "equals": "x"},
                    {"all": [{"question": "B", "equals": "y"}, {"question": "C", "equals": "z"}]},
                ]
            },
        ),
        (
            "(${A} = 'x' or ${B} = 'y') and ${C} = 'z'",
            {
                "all": [
                    {"any": [{"question": "A", "equals": "x"}, {"question": "B", "equals": "y"}]},
                    {"question": "C", "equals": "z"},
                ]
            },
        ),
    ],
    ids=[
        "equals",
        "greater",
        "less",
        "not-equals",
        "not",
        "curly-quotes",
        "equals-number",
        "selected",
        "selected-either",
        "gte",
        "lte",
        "count-selected",
        "count-selected-none",
        "count-selected-not-none",
        "and",
        "and-binds-tighter-than-or",
        "parentheses",
    ],
)
def test_relevant_expressions_translate_to_visible_if(relevant, visible_if):
    assert parse_relevant(relevant) == visible_if


@pytest.mark.parametrize(
    "relevant",
    [
        "'x' = ${A}",
        "${A} = 'x' and",
        "count-selected(${A}) > 1.5",
        "count-selected(${A}) > 'x'",
        "string-length(${A}) > 0",
    ],
)
def test_relevant_outside_the_subset_is_refused(relevant):
    with pytest.raises(ValueError):
        parse_relevant(relevant)


def test_deeply_nested_parentheses_are_refused_before_parsing_not_with_a_recursion_error():
    with pytest.raises(ValueError, match="nest deeper than 10"):
        parse_relevant("(" * 50 + "${A} = 'x'" + ")" * 50)


def test_an_over_long_relevant_is_refused_before_parsing():
    with pytest.raises(ValueError, match="longer than 2,000 characters"):
        parse_relevant(" or ".join(["${A} = 'x'"] * 500))


@pytest.mark.parametrize(
    ("cell", "bounds"),
    [(". >= 0", {"min": 0}), (". >= 0 and . <= 100", {"min": 0, "max": 100}), (".<=2.5", {"max": 2.5})],
)
def test_a_number_constraint_becomes_min_and_max(cell, bounds):
    assert parse_constraint(cell) == bounds


def test_a_constraint_outside_the_subset_is_refused():
    with pytest.raises(ValueError):
        parse_constraint("regex(., '^[0-9]+$')")


@pytest.mark.parametrize(
    ("cell", "scoring"),
    [
        ("linear:0:20", {"linear": {"min": 0, "max": 20}}),
        (
            "bands:0=0;5=1;10=2.5",
            {"bands": [{"min": 0, "points": 0}, {"min": 5, "points": 1}, {"min": 10, "points": 2.5}]},
        ),
    ],
)
def test_scoring_cells_translate_to_scoring_mappings(cell, scoring):
    assert parse_scoring(cell) == scoring
