"""Deliberate submission in a real browser: the approver reads the 0-point warnings, cannot
submit without ticking the declaration, submits, downloads the receipt, and anyone can check
its fingerprint; axe-core finds no serious violation on the check and verify pages, on a phone
(390 px) and on a laptop (1366 px)."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from surveys.models import ResponseStatus, SubmissionReceipt
from tests.e2e.helpers import serious_violations
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, small_definition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1366)


@pytest.fixture
def strict_response(agency_a):
    """Agency A's response to a questionnaire whose P1.1 is required (and not answered)."""
    data = small_definition(code="strict-2566")
    data["pillars"][1]["questions"][0]["required"] = True
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=data))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def violations_at_each_width(page) -> dict[int, list]:
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found[width] = serious_violations(page)
    return found


def test_the_approver_confirms_the_warnings_submits_and_the_receipt_verifies(
    page, new_page, live_server, sign_in, evidence_response, alice, bob, request_approval
):
    response = evidence_response
    request_approval(response, {"P1.1": "approved"}, officer=alice)  # points that need a file: none
    sign_in(page, bob)
    page.goto(f"{live_server.url}/responses/{response.public_id}/")
    page.click("a[data-action=approve]")
    page.wait_for_load_state()
    assert page.locator("[data-warning='P1.1']").is_visible()
    assert violations_at_each_width(page) == {390: [], 1366: []}

    # Without the declaration the browser does not send the form (and the server would refuse).
    page.click("button[data-action=approve]")
    response.refresh_from_db()
    assert response.status == ResponseStatus.AWAITING_APPROVAL
    page.check("#declaration")
    page.click("button[data-action=approve]")
    page.wait_for_load_state()
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED

    # The receipt downloads from the response page and carries the fingerprint.
    receipt = SubmissionReceipt.objects.get(response=response)
    with page.expect_download() as download:
        page.click(f"[data-receipt='{receipt.fingerprint}'] a[data-link=receipt]")
    pages = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    text = "".join(p.extract_text() for p in pages).replace("\n", "")
    assert receipt.fingerprint in text

    # Anyone, signed out, checks the fingerprint.
    visitor = new_page()
    visitor.goto(f"{live_server.url}/verify/{receipt.fingerprint}/")
    assert visitor.locator("[data-verify=match]").is_visible()
    assert violations_at_each_width(visitor) == {390: [], 1366: []}
    reply = visitor.goto(f"{live_server.url}/verify/{'0' * 64}/")
    assert reply.status == 404 and visitor.locator("[data-verify=none]").is_visible()
    assert violations_at_each_width(visitor) == {390: [], 1366: []}


def test_the_check_page_with_blocking_problems_has_no_serious_violation(
    page, live_server, sign_in, strict_response, alice
):
    sign_in(page, alice)
    page.goto(f"{live_server.url}/responses/{strict_response.public_id}/check/")
    assert page.locator("[data-problem='P1.1']").is_visible()
    assert violations_at_each_width(page) == {390: [], 1366: []}
