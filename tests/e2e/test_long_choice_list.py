"""A long choice list in a real browser: one select with a filter box, and the chosen code saved."""

import pytest

from tests.e2e.helpers import q, wait_saved
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def long_list_definition() -> dict:
    choices = [{"code": f"a{i}", "label": {"th": f"หน่วยงาน {i}", "en": f"Agency {i}"}} for i in range(300)]
    question = {"code": "L.1", "type": "single_choice", "text": {"th": "เลือกหน่วยงาน"}, "choices": choices}
    return {
        "code": "long-list",
        "year": 2601,
        "title": {"th": "รายการยาว"},
        "pillars": [{"code": "L", "title": {"th": "รายการ"}, "questions": [question]}],
    }


def test_an_officer_filters_a_long_list_and_the_chosen_code_is_saved(
    page, live_server, sign_in, alice, agency_a
):
    cycle = CycleFactory(year=2601, questionnaire=QuestionnaireFactory(definition=long_list_definition()))
    response = ResponseFactory(cycle=cycle, agency=agency_a)
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{response.public_id}/pillars/L/")
    assert page.locator(f"{q('L.1')} input[type=radio]").count() == 0
    page.fill(f"{q('L.1')} input[type=search]", "หน่วยงาน 29")
    visible = page.locator(f"{q('L.1')} select option:not([hidden])")
    assert visible.count() == 12  # the empty choice, 29 and 290–299
    page.select_option(f"{q('L.1')} select", "a295")
    wait_saved(page, "L.1")
    assert response.answers.get(question_code="L.1").value == "a295"
