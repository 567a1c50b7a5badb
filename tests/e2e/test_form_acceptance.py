"""The form's promises in a real browser: nobody overwritten, nothing lost when the session
ends, bad files refused, other agencies kept out, the close date enforced and extended."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import MembershipRole, UserSession
from surveys.models import AnswerChange, Evidence, ResponseStatus
from tests.e2e.helpers import PDF, approve, attach, q, serious_violations, wait_saved
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_pillar(page, live_server, response, pillar="P1"):
    page.goto(f"{live_server.url}/responses/{response.public_id}/pillars/{pillar}/")


def test_the_second_save_is_refused_with_the_first_officers_value(
    new_page, live_server, sign_in, alice, response_a
):
    other = MembershipFactory(
        agency=response_a.agency, role=MembershipRole.OFFICER, user__full_name="Olivia"
    ).user
    page1, page2 = new_page(), new_page()
    sign_in(page1, alice)
    sign_in(page2, other)
    open_pillar(page1, live_server, response_a)
    open_pillar(page2, live_server, response_a)

    page1.check(f"{q('P1.1')} input[value=approved]")
    wait_saved(page1, "P1.1")
    page2.check(f"{q('P1.1')} input[value=none]")
    conflict = page2.locator("[id='state-P1.1'] [data-state=conflict]")
    conflict.wait_for()
    assert "Alice" in conflict.inner_text()
    assert conflict.locator("[data-their-value]").inner_text() == "อนุมัติแล้ว"
    assert page2.locator(f"{q('P1.1')} input[value=none]").is_checked()  # hers is still in the form
    assert response_a.answers.get(question_code="P1.1").value == "approved"

    conflict.locator("button[type=submit]").click()  # she decides to save hers over it
    wait_saved(page2, "P1.1")
    history = list(
        AnswerChange.objects.filter(answer__response=response_a).values_list("new_value", flat=True)
    )
    assert history == ["approved", "none"]  # nothing lost: both are in the history


def test_an_expired_session_during_typing_loses_nothing(page, live_server, sign_in, alice, response_a):
    sign_in(page, alice)
    open_pillar(page, live_server, response_a, "G")
    UserSession.objects.filter(user_id=alice.pk).delete()  # the session ends while she types
    page.fill(f"{q('G.1')} textarea", "คุณสมชาย ใจดี")
    page.locator("[id='state-G.1'] [data-state=session]").wait_for()
    assert not response_a.answers.exists()
    assert page.locator("#session-warning").is_visible()

    page.click("#session-warning [data-session=login]")
    page.fill("input[name=username]", alice.email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_url("**/pillars/G/")
    wait_saved(page, "G.1")
    assert page.locator(f"{q('G.1')} textarea").input_value() == "คุณสมชาย ใจดี"
    assert response_a.answers.get(question_code="G.1").value == "คุณสมชาย ใจดี"


def test_the_warning_comes_before_the_session_ends(page, live_server, sign_in, alice, response_a, settings):
    settings.SESSION_COOKIE_AGE, settings.SESSION_WARNING_SECONDS = 5, 4
    sign_in(page, alice)
    open_pillar(page, live_server, response_a)
    page.locator("#session-warning [data-session=stay]").wait_for(state="visible", timeout=5000)
    page.click("#session-warning [data-session=stay]")
    page.locator("#session-warning").wait_for(state="hidden")


def test_bad_uploads_are_refused_with_a_clear_message(
    page, live_server, sign_in, alice, evidence_response, settings
):
    response_a = evidence_response
    settings.EVIDENCE_MAX_MB = 1
    sign_in(page, alice)
    open_pillar(page, live_server, response_a, "P1")
    attach(page, "P1.1", "report.pdf", b"MZ\x90\x00" + b"\x00" * 400)
    error = page.locator("[id='evidence-P1.1'] [data-evidence-error]")
    error.wait_for()
    assert "PDF" in error.inner_text()
    attach(page, "P1.1", "big.pdf", PDF + b"0" * (1024 * 1024 + 10))
    page.locator("[id='evidence-P1.1'] [data-evidence-error]", has_text="1.0").wait_for()
    assert not Evidence.objects.exists()
    attach(page, "P1.1", "plan.pdf", PDF)
    page.locator("[id='evidence-P1.1'] li[data-file]").wait_for()
    assert Evidence.objects.count() == 1


def test_an_officer_of_another_agency_gets_404_on_the_evidence(
    page, live_server, sign_in, alice, charlie, evidence_response
):
    response_a = evidence_response
    sign_in(page, alice)
    open_pillar(page, live_server, response_a, "P1")
    attach(page, "P1.1", "plan.pdf", PDF)
    link = page.locator("[id='evidence-P1.1'] li[data-file] a")
    link.wait_for()
    href = link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "plan.pdf"
    page.context.clear_cookies()
    sign_in(page, charlie)
    assert page.goto(f"{live_server.url}{href}").status == 404


def test_submission_after_the_close_date_is_refused_and_allowed_after_an_extension(
    page, live_server, sign_in, alice, bob, dana, response_a, request_approval, close_cycle
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    close_cycle(response_a.cycle)

    sign_in(page, bob)
    page.goto(f"{live_server.url}/responses/{response_a.public_id}/full/")
    assert serious_violations(page) == []
    approve(page)
    assert page.locator(".alert-danger[role=alert]").is_visible()
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.AWAITING_APPROVAL

    dana.is_staff = dana.is_superuser = True
    dana.save()
    page.context.clear_cookies()
    sign_in(page, dana)
    page.goto(f"{live_server.url}/admin/surveys/cycletarget/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "extend_deadline")
    page.click("button[name=index]")
    page.fill("input[name=until]", (timezone.localdate() + timedelta(days=7)).isoformat())
    page.click("input[type=submit]")
    page.wait_for_load_state()

    page.context.clear_cookies()
    sign_in(page, bob)
    page.goto(f"{live_server.url}/responses/{response_a.public_id}/full/")
    approve(page)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED
