"""The engine of DESIGN §5, one semantic rule per test."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.definition import parse_definition
from surveys.scoring import EVIDENCE_PRESENT, EVIDENCE_REJECTED, Adjustment, score_response
from tests.factories import small_definition


def definition_with(*questions, bands=None):
    data = {
        "code": "t",
        "title": {"th": "ท", "en": "T"},
        "bands": bands or [{"code": "any", "min": 0.0, "label": {"th": "ใด", "en": "Any"}}],
        "pillars": [{"code": "P", "title": {"th": "ส", "en": "P"}, "questions": list(questions)}],
    }
    return parse_definition(data)


def q(code, qtype, **extra):
    return {"code": code, "type": qtype, "text": {"th": "คำถาม", "en": "Q"}, **extra}


CHOICES = [
    {"code": "a", "label": {"th": "ก"}, "points": 0},
    {"code": "b", "label": {"th": "ข"}, "points": 1},
    {"code": "c", "label": {"th": "ค"}, "points": 4},
    {"code": "na", "label": {"th": "ไม่เกี่ยว"}, "na": True},
]


def test_single_choice_scores_points_over_the_best_choice():
    card = score_response(definition_with(q("Q1", "single_choice", choices=CHOICES)), {"Q1": "b"})
    assert card.questions["Q1"].score == pytest.approx(0.25)
    assert card.questions["Q1"].detail == {"choice": "b", "points": 1, "max": 4}


def test_a_choice_marked_na_leaves_the_denominator():
    d = definition_with(q("Q1", "single_choice", choices=CHOICES), q("Q2", "yes_no"))
    card = score_response(d, {"Q1": "na", "Q2": "yes"})
    assert card.questions["Q1"].score is None
    assert card.total == 1.0


def test_multi_choice_sums_points_over_all_positive_points_capped_at_one():
    choices = [{"code": x, "label": {"th": x}, "points": p} for x, p in [("a", 1), ("b", 2), ("z", 0)]]
    d = definition_with(q("Q1", "multi_choice", choices=choices))
    assert score_response(d, {"Q1": ["b", "z"]}).questions["Q1"].score == pytest.approx(2 / 3)
    assert score_response(d, {"Q1": ["a", "b"]}).questions["Q1"].score == 1.0


def test_yes_no_scores_one_for_yes_and_zero_for_no():
    d = definition_with(q("Q1", "yes_no"))
    assert score_response(d, {"Q1": "yes"}).total == 1.0
    assert score_response(d, {"Q1": "no"}).total == 0.0


def test_linear_number_clamps_to_the_bounds():
    d = definition_with(q("Q1", "number", scoring={"linear": {"min": 10, "max": 20}}))
    assert score_response(d, {"Q1": 15}).total == 0.5
    assert score_response(d, {"Q1": 99}).total == 1.0
    assert score_response(d, {"Q1": 3}).total == 0.0


def test_banded_number_takes_the_highest_band_reached():
    bands = [{"min": 0, "points": 0}, {"min": 5, "points": 1}, {"min": 10, "points": 2}]
    d = definition_with(q("Q1", "number", scoring={"bands": bands}))
    assert score_response(d, {"Q1": 7}).total == 0.5
    assert score_response(d, {"Q1": 10}).questions["Q1"].detail["band_min"] == 10


def test_an_unanswered_applicable_question_scores_zero():
    d = definition_with(q("Q1", "yes_no"), q("Q2", "yes_no"))
    card = score_response(d, {"Q1": "yes"})
    assert card.questions["Q2"].reason == "unanswered"
    assert card.total == 0.5


def test_a_hidden_question_never_counts():
    d = definition_with(q("Q1", "yes_no"), q("Q2", "yes_no", visible_if={"question": "Q1", "equals": "yes"}))
    card = score_response(d, {"Q1": "no", "Q2": "yes"})
    assert card.questions["Q2"].reason == "hidden"
    assert card.total == 0.0


def test_points_need_evidence_when_the_question_requires_it():
    d = definition_with(q("Q1", "yes_no", evidence="required_for_points"))
    assert score_response(d, {"Q1": "yes"}).questions["Q1"].reason == "evidence_missing"
    assert score_response(d, {"Q1": "yes"}, {"Q1": EVIDENCE_REJECTED}).total == 0.0
    assert score_response(d, {"Q1": "yes"}, {"Q1": EVIDENCE_PRESENT}).total == 1.0


def test_an_adjustment_replaces_the_score_and_says_who_and_why():
    d = definition_with(q("Q1", "yes_no"))
    card = score_response(d, {"Q1": "yes"}, adjustments={"Q1": Adjustment(0.3, "no proof", "dana")})
    result = card.questions["Q1"]
    assert (result.score, result.reason, result.detail["by"], result.detail["was"]) == (
        0.3,
        "adjusted",
        "dana",
        1.0,
    )


def test_weighted_means_roll_up_and_weight_zero_pillars_stay_out_of_the_total():
    card = score_response(parse_definition(small_definition()), {"P1.1": "approved", "P1.2": "no", "P3.1": 5})
    assert card.nodes["P1"].score == 0.5
    assert card.nodes["P3"].score == 0.5
    assert card.nodes["G"].score is None
    assert card.total == 0.5
    assert card.band == "low"


def test_the_band_is_the_highest_whose_min_the_total_reaches():
    card = score_response(
        parse_definition(small_definition()), {"P1.1": "approved", "P1.2": "yes", "P3.1": 5}
    )
    assert card.total == 0.75
    assert card.band == "high"


def test_a_score_card_survives_a_round_trip_through_json():
    from surveys.scoring import ScoreCard

    card = score_response(parse_definition(small_definition()), {"P1.1": "draft"})
    assert ScoreCard.from_dict(card.to_dict()) == card


answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "P1.1": st.sampled_from(["none", "draft", "approved"]),
        "P1.2": st.sampled_from(["yes", "no"]),
        "P3.1": st.integers(min_value=0, max_value=1000),
    },
)


@given(answers_strategy)
def test_every_score_is_a_fraction(answers):
    card = score_response(parse_definition(small_definition()), answers)
    scores = [n.score for n in card.nodes.values()] + [r.score for r in card.questions.values()]
    assert all(0.0 <= s <= 1.0 for s in scores if s is not None)


@given(answers_strategy, st.integers(min_value=1, max_value=50))
def test_scaling_every_weight_changes_nothing(answers, factor):
    data = small_definition()
    for pillar in data["pillars"]:
        pillar["weight"] = pillar.get("weight", 1) * factor
    plain = score_response(parse_definition(small_definition()), answers).total
    scaled = score_response(parse_definition(data), answers).total
    assert scaled == pytest.approx(plain)


@given(answers_strategy)
def test_the_order_of_answers_is_irrelevant(answers):
    d = parse_definition(small_definition())
    reversed_answers = dict(reversed(list(answers.items())))
    assert score_response(d, answers) == score_response(d, reversed_answers)
