"""A count-selected condition in a real browser: the follow-up question appears once two choices
are ticked and goes when one is unticked, before any page reload (static/js/form.js)."""

import pytest

from tests.e2e.helpers import q, wait_saved
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def counted_definition() -> dict:
    channels = {
        "code": "C.1",
        "type": "multi_choice",
        "text": {"th": "ช่องทางบริการ"},
        "choices": [{"code": c, "label": {"th": c}} for c in ("web", "app", "counter")],
    }
    why = {
        "code": "C.2",
        "type": "text",
        "text": {"th": "เหตุใดจึงมีหลายช่องทาง"},
        "visible_if": {"question": "C.1", "count_selected": {"gte": 2}},
    }
    return {
        "code": "counted",
        "year": 2602,
        "title": {"th": "นับตัวเลือก"},
        "pillars": [{"code": "C", "title": {"th": "ช่องทาง"}, "questions": [channels, why]}],
    }


def test_a_question_shows_once_two_choices_are_ticked_and_hides_when_one_is_unticked(
    page, live_server, sign_in, alice, agency_a
):
    cycle = CycleFactory(year=2602, questionnaire=QuestionnaireFactory(definition=counted_definition()))
    response = ResponseFactory(cycle=cycle, agency=agency_a)
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{response.public_id}/pillars/C/")
    boxes = page.locator(f"{q('C.1')} input[type=checkbox]")
    assert page.locator(q("C.2")).is_hidden()
    boxes.nth(0).check()
    wait_saved(page, "C.1")
    assert page.locator(q("C.2")).is_hidden()
    boxes.nth(1).check()
    page.locator(q("C.2")).wait_for(state="visible")
    boxes.nth(0).uncheck()
    page.locator(q("C.2")).wait_for(state="hidden")
