"""The review workbench in a real browser: a DGA admin assigns a ministry to a reviewer; the
reviewer opens "my agencies", verifies three files and rejects one with the keyboard only, the page
never reloads (a marker on `window` survives), and the agency's score follows."""

import pytest

from surveys.models import Evidence, EvidenceState
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from surveys.services.transitions import response_transition
from tests.e2e.helpers import serious_violations
from tests.factories import UserFactory, pdf_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def in_review(evidence_response, alice, bob, dana, submit):
    """Agency A's response under review: three files on P1.1 and one on P1.2, both needing evidence."""
    questionnaire = evidence_response.questionnaire
    questionnaire.definition["pillars"][1]["questions"][1]["evidence"] = "required_for_points"
    questionnaire.checksum = "evidence-needed-twice"
    questionnaire.save()
    answers_save(response=evidence_response, values={"G.1": "A", "P1.1": "approved", "P1.2": "yes"}, by=alice)
    for name in ("plan.pdf", "budget.pdf", "minutes.pdf"):
        evidence_add(response=evidence_response, question_code="P1.1", upload=pdf_upload(name), by=alice)
    evidence_add(response=evidence_response, question_code="P1.2", upload=pdf_upload("order.pdf"), by=alice)
    submit(evidence_response, officer=alice, approver=bob)
    response_transition(response=evidence_response, action="start_review", by=dana)
    return evidence_response


def sign_out(page):
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_load_state()


def waiting(page) -> str:
    return page.locator("#workbench-counts").get_attribute("data-waiting")


def test_a_reviewer_decides_on_files_with_the_keyboard_alone(new_page, live_server, sign_in, in_review, dana):
    rita = UserFactory(full_name="Rita", is_reviewer=True)
    ministry = in_review.agency.ministry
    page = new_page(timeout=20_000)

    sign_in(page, dana)
    page.goto(f"{live_server.url}/review/workbench/assignments/")
    page.select_option("#as-reviewer", str(rita.pk))
    page.select_option("#as-ministry", ministry.code)
    page.click("button[data-assign]")
    page.wait_for_load_state()
    assert page.locator(f"tr[data-reviewer='{rita.pk}'] [data-agencies]").inner_text() == "1"
    assert serious_violations(page) == []
    sign_out(page)

    sign_in(page, rita)  # a reviewer lands on "my agencies"
    assert page.url.endswith("/review/workbench/")
    assert page.locator(f"tr[data-agency='{in_review.agency.code}']").count() == 1
    assert serious_violations(page) == []
    page.click(f"tr[data-agency='{in_review.agency.code}'] a")
    page.wait_for_load_state()
    assert waiting(page) == "4"
    page.wait_for_selector("#workbench-item[data-ready]")
    before = page.locator("#workbench-score [data-total]").get_attribute("data-total")
    page.evaluate("window.__noReload = 'still here'")
    # The next file's preview is already loading, hidden, before the first decision.
    page.evaluate("document.querySelector('#wb-previews iframe[hidden]').dataset.preloaded = 'yes'")

    for left in ("3", "2", "1"):
        page.keyboard.press("v")
        page.wait_for_selector(f"#workbench-counts[data-waiting='{left}']")
        page.wait_for_selector("#workbench-item[data-ready]")  # htmx has taken over the new panel
        if left == "3":  # the preloaded frame is the one now shown
            assert page.locator("#wb-previews iframe:not([hidden])").get_attribute("data-preloaded") == "yes"
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "wb-note"
    page.keyboard.press("Enter")  # no note: refused, the error beside the note, which keeps focus
    page.wait_for_selector("#wb-note-error")
    page.wait_for_selector("#workbench-item[data-ready]")
    assert page.evaluate("document.activeElement.id") == "wb-note"
    assert waiting(page) == "1"
    page.keyboard.type("คำสั่งแต่งตั้งยังไม่ลงนาม")
    page.keyboard.press("Enter")
    page.wait_for_selector("#workbench-counts[data-waiting='0']")
    assert "order.pdf" in page.locator("#workbench-announce").inner_text()  # said to screen readers

    assert page.evaluate("window.__noReload") == "still here"  # no page load: only parts were swapped
    page.wait_for_selector(
        f"#workbench-score [data-total]:not([data-total='pending']):not([data-total='{before}'])"
    )
    states = sorted(Evidence.objects.filter(response=in_review).values_list("review_state", flat=True))
    assert states == [EvidenceState.REJECTED] + [EvidenceState.VERIFIED] * 3
    assert serious_violations(page) == []
