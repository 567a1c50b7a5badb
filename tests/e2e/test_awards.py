"""Awards in a real browser: an evaluator opens a ranking, drills into an agency and scores a
panel award; an evaluator of the agency's own ministry cannot."""

import pytest

from awards.models import PanelScore
from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from tests.awards.conftest import PANEL, TOTAL, awards_data, scored_agency
from tests.factories import MinistryFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def awards(cycle):
    return awards_import(data=awards_data(TOTAL, PANEL))


@pytest.fixture
def setting(cycle, awards):
    ministry = MinistryFactory(code="MOAC")
    leader = scored_agency(cycle, 0.85, ministry=ministry, name_en="Leading department").agency
    awards_rank(awards_id=awards.pk)
    same = UserFactory(full_name="Frank", is_evaluator=True, affiliation=ministry)
    return leader, same


def test_an_evaluator_drills_into_an_agency_and_scores_the_panel(
    page, live_server, sign_in, erin, awards, setting
):
    leader, _ = setting
    sign_in(page, erin)
    page.goto(f"{live_server.url}/awards/")
    page.click("tr[data-category='top'] a")
    row = page.locator(f"tr[data-agency='{leader.code}']")
    assert row.get_attribute("data-rank") == "1"
    row.locator("a").click()
    assert page.locator("[data-entry]").get_attribute("data-eligible") == "1"
    assert page.locator("[data-node='P1']").count() == 1

    page.goto(f"{live_server.url}/awards/")
    page.click("tr[data-category='leaders'] a[href$='/panel/']")
    card = page.locator(f"section[data-agency='{leader.code}']")
    card.locator(f"input[name='{leader.code}-c_vision']").fill("45")
    card.locator(f"input[name='{leader.code}-c_results']").fill("30")
    card.locator("button[data-action=score]").click()
    page.wait_for_load_state()
    assert page.locator(f"section[data-agency='{leader.code}'] [data-mine]").count() == 1
    sheet = PanelScore.objects.get(agency=leader, evaluator=erin)
    assert sheet.score == pytest.approx(0.75)


def test_an_evaluator_of_the_same_ministry_cannot_score(page, live_server, sign_in, awards, setting):
    leader, same = setting
    sign_in(page, same)
    page.goto(f"{live_server.url}/awards/{awards.code}/leaders/panel/")
    card = page.locator(f"section[data-agency='{leader.code}']")
    assert card.locator("[data-conflict]").count() == 1
    assert card.locator("button[data-action=score]").count() == 0
    # Posting the form by hand is refused by the server too.
    status = page.evaluate(
        """async ([url, code]) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({csrfmiddlewaretoken: token});
            body.set(code + '-c_vision', '60');
            body.set(code + '-c_results', '40');
            const init = {method: 'POST', body, credentials: 'same-origin', redirect: 'manual'};
            const r = await fetch(url, init);
            return r.status;
        }""",
        [f"{live_server.url}/awards/{awards.code}/leaders/panel/{leader.code}/", leader.code],
    )
    assert status == 403
    assert not PanelScore.objects.exists()
