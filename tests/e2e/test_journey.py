"""The year's thin slice in a real browser: answer, request approval, approve and submit."""

import pytest

from surveys.models import ResponseStatus, ScoreCard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def status_of(page) -> str:
    return page.locator("[data-status]").first.get_attribute("data-status")


def sign_out(page):
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_load_state()


def test_an_officer_answers_and_the_approver_submits(page, live_server, sign_in, alice, bob, response_a):
    sign_in(page, alice)
    page.click(f"a[href$='{response_a.public_id}/']")
    assert status_of(page) == ResponseStatus.NOT_STARTED

    page.click("a[href$='/pillars/P1/']")
    page.check("input[name='P1.1'][value='approved']")
    page.check("input[name='P1.2'][value='yes']")
    page.click("main form button[type=submit]")
    assert page.locator("input[name='P1.1'][value='approved']").is_checked()
    assert status_of(page) == ResponseStatus.DRAFT

    page.click(f"a[href$='{response_a.public_id}/']")
    page.click("button[data-action=request_approval]")
    assert status_of(page) == ResponseStatus.AWAITING_APPROVAL
    sign_out(page)

    sign_in(page, bob)
    page.click(f"a[href$='{response_a.public_id}/']")
    page.click("button[data-action=approve]")
    assert status_of(page) == ResponseStatus.SUBMITTED
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED
    assert ScoreCard.objects.filter(response=response_a).exists()
