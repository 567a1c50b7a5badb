"""Pillar forms: a long choice list is a searchable select, a short one radio buttons."""

from common.bilingual import Text
from surveys.domain.definition import Choice, Question
from surveys.forms import LONG_CHOICE_LIST, AnswerForm
from surveys.templatetags.questions import PageWords, field_html


def choice_question(code: str, n: int, kind: str = "single_choice") -> Question:
    choices = tuple(Choice(f"c{i}", Text(f"ตัวเลือก {i}")) for i in range(n))
    return Question(code, kind, Text("คำถาม"), choices=choices)


def rendered(question: Question) -> str:
    words = PageWords(public_id="00000000-0000-0000-0000-000000000001", csrf_token="t", editable=True)
    return field_html(words, question, None)


def test_a_long_single_choice_list_renders_as_one_searchable_select_not_radio_buttons():
    html = rendered(choice_question("Q1", 500))
    assert "data-searchable" in html and 'type="radio"' not in html
    assert html.count("<option") == 501  # the empty choice first: nothing chosen until the officer chooses


def test_a_long_multi_choice_list_renders_as_a_searchable_multiple_select():
    html = rendered(choice_question("Q1", 500, "multi_choice"))
    assert "multiple" in html and "data-searchable" in html and 'type="checkbox"' not in html


def test_a_short_choice_list_stays_radio_buttons():
    html = rendered(choice_question("Q1", LONG_CHOICE_LIST - 1))
    assert 'type="radio"' in html and "data-searchable" not in html


def test_a_choice_from_a_long_list_is_saved_as_its_code():
    form = AnswerForm({"Q1": "c321", "version": "0"}, question=choice_question("Q1", 500))
    assert form.is_valid(), form.errors
    assert form.answer_value() == "c321"
