"""Answers kept on the device belong to one person: cleared at sign-out, never sent as another."""

import pytest

from agencies.models import MembershipRole
from tests.e2e.helpers import q
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _kept(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('readiness:'))")


def test_signing_out_clears_the_answers_kept_on_the_device(page, live_server, sign_in, alice, response_a):
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{response_a.public_id}/pillars/G/")
    page.route("**/answers/**", lambda route: route.abort())  # the network is gone: kept here
    page.fill(f"{q('G.1')} textarea", "คุณสมชาย")
    page.wait_for_function("Object.keys(localStorage).some((k) => k.startsWith('readiness:'))")
    page.click("form[data-sign-out] button[type=submit]")
    page.wait_for_url("**/accounts/login/**")
    assert _kept(page) == []


def test_answers_kept_by_another_person_are_neither_sent_nor_kept(
    page, live_server, sign_in, alice, response_a
):
    other = MembershipFactory(agency=response_a.agency, role=MembershipRole.OFFICER).user
    sign_in(page, other)
    page.goto(f"{live_server.url}/responses/{response_a.public_id}/pillars/G/")
    stale = f"readiness:{alice.pk}:{response_a.public_id}:G.1"
    page.evaluate(
        "([k]) => localStorage.setItem(k, JSON.stringify({version: '0', pairs: [['G.1', 'alice typed']]}))",
        [stale],
    )
    page.reload()
    page.wait_for_load_state("networkidle")
    assert _kept(page) == []
    assert not response_a.answers.exists()
