"""The year's conversation in a real browser: the officer asks for approval, the approver
finds it in the inbox and the mailbox and submits, DGA returns it with a comment and a rejected
file, the officer works through the to-fix list, the items tick off, and it goes again."""

import pytest

from surveys.models import Evidence, ResponseStatus
from tests.e2e.helpers import approve, attach, fill_pillar, serious_violations, wait_saved

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def status_of(page) -> str:
    return page.locator("[data-status]").first.get_attribute("data-status")


def sign_out(page):
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_load_state()


def test_request_approve_return_fix_and_resubmit(
    page, live_server, sign_in, smtp_server, evidence_response, alice, bob, dana
):
    response = evidence_response
    url = live_server.url

    # The officer fills every pillar and asks for approval.
    sign_in(page, alice)
    page.goto(f"{url}/responses/{response.public_id}/")
    for href in [a.get_attribute("href") for a in page.locator("nav.pillar-nav a").all()]:
        page.goto(f"{url}{href}")
        fill_pillar(page)
    page.goto(f"{url}/responses/{response.public_id}/check/")
    page.click("button[data-action=request_approval]")
    assert status_of(page) == ResponseStatus.AWAITING_APPROVAL
    sign_out(page)

    # The approver: the inbox and the mailbox both have it; the notification leads to the page.
    assert len(smtp_server.mailbox.to(bob.email)) == 1
    assert "รออนุมัติ" in smtp_server.mailbox.to(bob.email)[0]["Subject"]
    sign_in(page, bob)
    assert page.locator("#nav-inbox .badge").inner_text().startswith("1")
    page.click("#nav-inbox")
    assert serious_violations(page) == []
    page.locator("[data-notification=approval_requested] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/approvals/")
    page.click(f"a[href$='{response.public_id}/']")
    approve(page)
    assert status_of(page) == ResponseStatus.SUBMITTED
    sign_out(page)

    # DGA: a comment on P1.2, P1.1's file rejected with a note, the response returned.
    sign_in(page, dana)
    page.goto(f"{url}/review/{response.public_id}/")
    page.click("button[data-action=start_review]")
    page.locator("article[data-question='P1.2'] details summary").click()
    page.fill("[id='body-P1.2']", "โปรดระบุคำสั่งแต่งตั้ง CIO")
    page.locator("article[data-question='P1.2'] form[action$='/comment/'] button[type=submit]").click()
    page.wait_for_load_state()
    file = Evidence.objects.get(response=response, question_code="P1.1")
    page.fill(f"[id='note-{file.public_id}']", "ไฟล์ไม่มีลายมือชื่อผู้บริหาร")
    page.click(f"[data-evidence='{file.public_id}'] button[data-reject]")
    page.wait_for_load_state()
    page.fill("#comment-return", "โปรดแก้ไขตามความเห็น")
    page.click("button[data-action=return]")
    page.wait_for_load_state()
    sign_out(page)

    # The officer: the response opens on what to fix; both items are there, both open.
    assert any("ส่งกลับ" in m["Subject"] for m in smtp_server.mailbox.to(alice.email))
    sign_in(page, alice)
    page.goto(f"{url}/responses/{response.public_id}/")
    assert page.locator("#todo-summary").is_visible()
    assert page.locator("[data-todo-pillar=P1]").count() == 1
    page.click("#todo-summary a.btn")
    items = page.locator("#todo-list li")
    assert items.count() == 2
    assert "โปรดระบุคำสั่งแต่งตั้ง CIO" in page.content() and "ไฟล์ไม่มีลายมือชื่อผู้บริหาร" in page.content()
    assert page.locator("#todo-list li[data-done=false]").count() == 2
    assert serious_violations(page) == []

    # ... fixes them from the list's links: another answer to P1.2, a new file for P1.1 ...
    page.click("#todo-list li[data-question='P1.2'] a")
    page.wait_for_load_state()
    page.locator("section[data-question='P1.2'] input[type=radio]:not(:checked)").first.check()
    wait_saved(page, "P1.2")
    attach(page, "P1.1", "signed-plan.pdf")
    page.wait_for_selector("[id='evidence-P1.1'] li:has-text('signed-plan.pdf')")
    page.goto(f"{url}/responses/{response.public_id}/to-fix/")
    assert page.locator("#todo-list li[data-done=true]").count() == 2

    # ... and asks for approval again; the approver submits it once more.
    page.goto(f"{url}/responses/{response.public_id}/check/")
    page.click("button[data-action=request_approval]")
    assert status_of(page) == ResponseStatus.AWAITING_APPROVAL
    page.goto(f"{url}/notifications/settings/")
    assert serious_violations(page) == []
    sign_out(page)
    sign_in(page, bob)
    page.goto(f"{url}/responses/{response.public_id}/")
    approve(page)
    assert status_of(page) == ResponseStatus.SUBMITTED
    assert sum("รออนุมัติ" in m["Subject"] for m in smtp_server.mailbox.to(bob.email)) == 2
