"""Validation of the questionnaire format: every problem at once, with its location."""

import pytest

from common.problems import DefinitionError
from surveys.domain.definition_parser import parse_definition
from tests.factories import small_definition


def problems_of(data) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data)
    return [str(p) for p in caught.value.problems]


def test_the_small_definition_is_valid():
    definition = parse_definition(small_definition())
    assert [p.code for p in definition.pillars] == ["G", "P1", "P3"]


def test_duplicate_codes_are_reported_with_both_places():
    data = small_definition()
    data["pillars"][1]["questions"][1]["code"] = "P1.1"
    assert any("duplicate code 'P1.1'" in p and "pillars[1].questions[0]" in p for p in problems_of(data))


def test_a_condition_on_an_unknown_question_is_reported():
    data = small_definition()
    data["pillars"][1]["questions"][1]["visible_if"] = {"question": "NOPE", "equals": "yes"}
    assert any("unknown question code 'NOPE'" in p for p in problems_of(data))


def test_a_cycle_of_conditions_is_reported():
    data = small_definition()
    questions = data["pillars"][1]["questions"]
    questions[0]["visible_if"] = {"question": "P1.2", "equals": "yes"}
    questions[1]["visible_if"] = {"question": "P1.1", "in": ["draft"]}
    assert any("condition cycle" in p for p in problems_of(data))


def test_every_problem_is_listed_at_once():
    data = small_definition()
    data["pillars"][1]["weight"] = -1
    data["pillars"][1]["questions"][0]["choices"] = []
    data["pillars"][2]["questions"][0]["type"] = "slider"
    data["title"] = {"en": "No Thai"}
    found = problems_of(data)
    assert len(found) >= 4
    assert any("weight must not be negative" in p for p in found)
    assert any("needs a list of choices" in p for p in found)
    assert any("unknown type 'slider'" in p for p in found)
    assert any(p.startswith("title.th") for p in found)


def test_bands_out_of_order_are_refused():
    data = small_definition()
    data["bands"].reverse()
    assert any("bands must be listed from the highest" in p for p in problems_of(data))


def test_a_number_scored_linearly_needs_bounds():
    data = small_definition()
    data["pillars"][2]["questions"][0]["scoring"] = {"linear": {"min": 0}}
    assert any("numeric bounds" in p for p in problems_of(data))


def test_an_unquoted_yes_code_is_refused_with_advice_to_quote_it():
    data = small_definition()
    data["pillars"][1]["questions"][0]["choices"][0]["code"] = True
    assert any("quote it" in p for p in problems_of(data))


def test_unknown_keys_are_refused():
    data = small_definition()
    data["pillars"][1]["questions"][0]["colour"] = "red"
    assert any("unknown key 'colour'" in p for p in problems_of(data))


def test_a_required_message_is_read_as_bilingual_text():
    data = small_definition()
    data["pillars"][1]["questions"][0] |= {"required": True, "required_message": "กรุณาเลือก"}
    question = parse_definition(data).questions_by_code["P1.1"]
    assert (question.required_message.th, question.required_message.en) == ("กรุณาเลือก", "")


def test_a_required_message_on_a_question_that_is_not_required_is_refused():
    data = small_definition()
    data["pillars"][1]["questions"][0]["required_message"] = {"th": "กรุณาเลือก"}
    assert "pillars[1].questions[0].required_message: applies to a required question only" in problems_of(
        data
    )


def test_a_questionnaire_with_no_pillar_is_valid_but_has_no_questions():
    assert not parse_definition(small_definition(pillars=[])).has_questions


def test_a_questionnaire_without_the_pillars_key_is_refused():
    data = small_definition()
    del data["pillars"]
    assert "pillars: pillars is required: a list of pillars" in problems_of(data)
