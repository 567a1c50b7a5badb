"""The year in a real browser: every pillar of the 2566 questionnaire filled with evidence,
approval requested, read in full and approved (= submitted), in Thai and in English."""

from pathlib import Path

import pytest
from django.core.management import call_command

from surveys.models import Evidence, Questionnaire, ResponseStatus
from tests.e2e.helpers import approve, fill_pillar, serious_violations
from tests.factories import CycleFactory, ResponseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "surveys" / "questionnaires" / "dg-readiness-2566.yaml"


def status_of(page) -> str:
    return page.locator("[data-status]").first.get_attribute("data-status")


def sign_out(page):
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_load_state()


@pytest.fixture
def response_2566(agency_a):
    call_command("import_questionnaire", str(QUESTIONNAIRE), publish=True)
    cycle = CycleFactory(questionnaire=Questionnaire.objects.get(code="dg-readiness-2566"))
    return ResponseFactory(cycle=cycle, agency=agency_a)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_whole_journey(new_page, live_server, sign_in, alice, bob, response_2566, language):
    cookie = {"name": "django_language", "value": language, "url": live_server.url}
    page = new_page(timeout=20_000, cookies=[cookie])
    sign_in(page, alice)
    assert page.locator("html").get_attribute("lang") == language
    page.click(f"a[href$='{response_2566.public_id}/']")
    pillars = [a.get_attribute("href") for a in page.locator("nav.pillar-nav a").all()]
    assert len(pillars) == 7
    for i, href in enumerate(pillars):
        page.goto(f"{live_server.url}{href}")
        assert fill_pillar(page) > 0
        if i == 1:
            assert serious_violations(page) == []

    page.goto(f"{live_server.url}/responses/{response_2566.public_id}/check/")
    assert page.locator("[data-problem-count]").get_attribute("data-problem-count") == "0"
    assert serious_violations(page) == []
    page.click("button[data-action=request_approval]")
    assert status_of(page) == ResponseStatus.AWAITING_APPROVAL
    sign_out(page)

    sign_in(page, bob)
    page.goto(f"{live_server.url}/responses/{response_2566.public_id}/full/")
    assert page.locator("[data-answer]").count() > 60
    assert serious_violations(page) == []
    approve(page)
    assert status_of(page) == ResponseStatus.SUBMITTED
    response_2566.refresh_from_db()
    assert response_2566.status == ResponseStatus.SUBMITTED
    assert Evidence.objects.filter(response=response_2566).count() >= 20
