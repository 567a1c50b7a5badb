"""`count_selected` conditions: how many choices of a choice question are ticked (XLSForm's
count-selected()), evaluated by the one evaluator the form, the validation summary and scoring share."""

import pytest

from common.problems import DefinitionError
from surveys.domain.conditions import visibility
from surveys.domain.definition_parser import parse_definition
from tests.factories import small_definition

CHANNELS = {
    "code": "P1.3",
    "type": "multi_choice",
    "text": {"th": "ช่องทางบริการ", "en": "Service channels"},
    "choices": [{"code": c, "label": {"th": c}} for c in ("web", "app", "counter")],
}


def definition_with(condition, source=CHANNELS):
    data = small_definition()
    questions = data["pillars"][1]["questions"]
    questions.append(dict(source))
    questions.append(
        {"code": "P1.4", "type": "text", "text": {"th": "เหตุผล"}, "visible_if": condition},
    )
    return parse_definition(data)


def shown(definition, answers):
    return visibility(definition, answers)["P1.4"]


def test_count_selected_shows_a_question_when_enough_choices_are_ticked():
    d = definition_with({"question": "P1.3", "count_selected": {"gte": 2}})
    assert not shown(d, {"P1.3": ["web"]})
    assert shown(d, {"P1.3": ["web", "app"]})


def test_an_unanswered_question_counts_no_choice_ticked():
    d = definition_with({"question": "P1.3", "count_selected": {"equals": 0}})
    assert shown(d, {})
    assert not shown(d, {"P1.3": ["web"]})


def test_a_hidden_question_counts_no_choice_ticked():
    hidden = dict(CHANNELS, visible_if={"question": "P1.2", "equals": "yes"})
    d = definition_with({"question": "P1.3", "count_selected": {"gt": 0}}, source=hidden)
    assert not shown(d, {"P1.2": "no", "P1.3": ["web", "app"]})
    assert shown(d, {"P1.2": "yes", "P1.3": ["web", "app"]})


def test_count_selected_of_a_single_choice_is_one_once_answered():
    d = parse_definition(small_definition())
    data = small_definition()
    data["pillars"][1]["questions"][1]["visible_if"] = {"question": "P1.1", "count_selected": {"equals": 1}}
    d = parse_definition(data)
    assert not visibility(d, {})["P1.2"]
    assert visibility(d, {"P1.1": "draft"})["P1.2"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"question": "P1.2", "count_selected": {"gte": 1}}, "P1.2 is not one"),
        ({"question": "P1.3", "count_selected": {"in": [1]}}, "use count_selected: {OP: N}"),
        ({"question": "P1.3", "count_selected": {"gte": -1}}, "use count_selected: {OP: N}"),
        ({"question": "P1.3", "count_selected": 2}, "use count_selected: {OP: N}"),
    ],
    ids=["not-a-choice-question", "unknown-comparison", "negative", "not-a-mapping"],
)
def test_a_count_selected_the_portal_cannot_evaluate_is_refused(condition, message):
    with pytest.raises(DefinitionError) as refused:
        definition_with(condition)
    assert any(message in str(p) for p in refused.value.problems)
