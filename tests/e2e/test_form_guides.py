"""The form guides in a real browser (issue 13): a refused value is said beside its field and
stays marked until a valid one is saved; the pillar form passes axe-core on a phone and a desktop."""

import pytest

from tests.e2e.helpers import serious_violations, wait_saved
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory
from tests.surveys.views.test_form_guides import guided_definition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guided(agency_a):
    cycle = CycleFactory(questionnaire=QuestionnaireFactory(definition=guided_definition()))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def type_into(page, code: str, value: str) -> None:
    field = page.locator(f"[id='id_{code}']")
    field.fill(value)
    field.blur()


def test_150_in_a_0_to_100_question_is_refused_beside_it_and_a_fixed_value_saves(
    page, live_server, sign_in, alice, guided
):
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{guided.public_id}/pillars/A/")
    type_into(page, "A.1", "150")
    refusal = page.locator("[id='state-A.1'] [data-state=invalid]")
    refusal.wait_for()
    assert "100" in refusal.inner_text()
    assert page.locator("[id='id_A.1']").get_attribute("aria-invalid") == "true"
    assert not guided.answers.filter(question_code="A.1").exists()
    type_into(page, "A.1", "50")
    wait_saved(page, "A.1")
    assert page.locator("[id='id_A.1']").get_attribute("aria-invalid") is None
    assert guided.answers.get(question_code="A.1").value == 50


def test_an_invalid_email_is_refused_beside_it_and_a_valid_one_saves(
    page, live_server, sign_in, alice, guided
):
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{guided.public_id}/pillars/A/")
    type_into(page, "A.2", "not-an-email")
    page.locator("[id='state-A.2'] [data-state=invalid]").wait_for()
    assert not guided.answers.filter(question_code="A.2").exists()
    type_into(page, "A.2", "cio@example.go.th")
    wait_saved(page, "A.2")
    assert guided.answers.get(question_code="A.2").value == "cio@example.go.th"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pillar_form_has_no_serious_axe_violation(page, live_server, sign_in, alice, guided, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{guided.public_id}/pillars/A/")
    type_into(page, "A.1", "150")  # with a refusal on the page too
    page.locator("[id='state-A.1'] [data-state=invalid]").wait_for()
    assert serious_violations(page) == []
