"""The inbox, the settings page, the approver's page, the to-fix list, the deadline on every
officer and approver page of a response, the e-mail log and the reminders page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from common.formats import long_date
from surveys.models import EmailState, Notification, NotificationSettings, OutgoingEmail
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from surveys.services.review import evidence_review, review_comment_add
from surveys.services.transitions import response_transition
from tests.factories import pdf_upload


@pytest.fixture
def returned(evidence_response, alice, bob, dana, submit):
    """Agency A's response, returned by DGA with a comment on P1.2 and P1.1's file rejected."""
    response = evidence_response
    answers_save(response=response, values={"P1.1": "draft"}, by=alice)
    file = evidence_add(response=response, question_code="P1.1", upload=pdf_upload(), by=alice)
    submit(response, officer=alice, approver=bob)
    response_transition(response=response, action="start_review", by=dana)
    review_comment_add(response=response, question_code="P1.2", body="โปรดระบุปีงบประมาณ", by=dana)
    evidence_review(evidence=file, state="rejected", note="ไฟล์ไม่มีลายมือชื่อ", by=dana)
    response_transition(response=response, action="return", by=dana, comment="แก้ไขตามความเห็น")
    return response


def test_the_navigation_shows_the_unread_count(client, response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(bob)
    page = client.get(reverse("surveys:my_responses")).content.decode()
    assert 'id="nav-inbox"' in page and '1<span class="visually-hidden"> ยังไม่อ่าน' in page


def test_the_inbox_shows_each_notification_in_the_readers_language(
    client, response_a, alice, bob, request_approval
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(bob)
    page = client.get(reverse("surveys:inbox")).content.decode()
    assert f"{response_a.agency.name_th}: แบบสำรวจรออนุมัติจากท่าน" in page


def test_opening_a_notification_marks_it_read_and_goes_to_what_it_is_about(
    client, response_a, alice, bob, request_approval
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    item = Notification.objects.get(recipient=bob)
    client.force_login(bob)
    reply = client.post(reverse("surveys:notification_open", args=[item.pk]))
    item.refresh_from_db()
    assert (reply["Location"], item.read_at is not None) == ("/approvals/", True)


def test_mark_all_as_read_empties_the_unread_count(client, response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(bob)
    client.post(reverse("surveys:inbox"))
    assert not Notification.objects.filter(recipient=bob, read_at__isnull=True).exists()


def test_the_settings_page_turns_email_off_for_the_unticked_kinds(client, alice):
    client.force_login(alice)
    client.post(
        reverse("surveys:notification_settings"),
        {"language": "en", "email": ["returned", "deadline_reminder"]},
    )
    prefs = NotificationSettings.objects.get(user=alice)
    assert (
        prefs.language == "en"
        and "approval_requested" in prefs.email_off
        and "returned" not in prefs.email_off
    )


def test_the_approvers_page_lists_what_waits_for_them(client, response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(bob)
    page = client.get(reverse("surveys:approvals")).content.decode()
    assert response_a.agency.name_th in page and str(response_a.public_id) in page


def test_an_officer_has_nothing_waiting_for_approval(client, response_a, alice, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(alice)
    assert "ไม่มีรายการรอการอนุมัติจากท่าน" in client.get(reverse("surveys:approvals")).content.decode()


def test_the_to_fix_list_holds_the_comment_and_the_rejected_file_with_its_note(client, returned, alice):
    client.force_login(alice)
    page = client.get(reverse("surveys:todo", args=[returned.public_id])).content.decode()
    assert "โปรดระบุปีงบประมาณ" in page and "ไฟล์ไม่มีลายมือชื่อ" in page and "plan.pdf" in page
    assert page.count('data-done="false"') == 2


def test_each_to_fix_item_links_to_its_question(client, returned, alice):
    client.force_login(alice)
    page = client.get(reverse("surveys:todo", args=[returned.public_id])).content.decode()
    assert reverse("surveys:pillar", args=[returned.public_id, "P1"]) + "#q-P1.2" in page


def test_a_returned_response_opens_on_its_to_fix_items(client, returned, alice):
    client.force_login(alice)
    page = client.get(reverse("surveys:response", args=[returned.public_id])).content.decode()
    assert 'id="todo-summary"' in page and "โปรดระบุปีงบประมาณ" in page


def test_pillars_with_open_items_are_marked_in_the_navigation(client, returned, alice):
    client.force_login(alice)
    page = client.get(reverse("surveys:response", args=[returned.public_id])).content.decode()
    assert 'data-todo-pillar="P1"' in page


def test_an_item_is_ticked_off_when_the_officer_changes_that_answer(client, returned, alice):
    answers_save(response=returned, values={"P1.2": "yes"}, by=alice)
    client.force_login(alice)
    page = client.get(reverse("surveys:todo", args=[returned.public_id])).content.decode()
    assert page.count('data-done="true"') == 1 and 'data-question="P1.2" data-done="true"' in page


def test_a_rejected_file_is_ticked_off_when_a_new_file_is_attached(client, returned, alice):
    evidence_add(response=returned, question_code="P1.1", upload=pdf_upload("signed.pdf"), by=alice)
    client.force_login(alice)
    page = client.get(reverse("surveys:todo", args=[returned.public_id])).content.decode()
    assert 'data-question="P1.1" data-done="true"' in page


def test_a_rejected_file_shows_the_reviewers_note_beside_it(client, returned, alice):
    client.force_login(alice)
    page = client.get(reverse("surveys:pillar", args=[returned.public_id, "P1"])).content.decode()
    assert "ไฟล์ไม่มีลายมือชื่อ" in page


RESPONSE_PAGES = [
    ("surveys:response", ()),
    ("surveys:pillar", ("P1",)),
    ("surveys:answer_history", ("P1.1",)),
    ("surveys:check", ()),
    ("surveys:full", ()),
    ("surveys:todo", ()),
]


@pytest.mark.parametrize("name,extra", RESPONSE_PAGES)
@pytest.mark.parametrize("person", ["alice", "bob"])
def test_every_officer_and_approver_page_of_an_open_response_shows_the_close_date_and_days_left(
    client, request, response_a, name, extra, person
):
    client.force_login(request.getfixturevalue(person))
    page = client.get(reverse(name, args=[response_a.public_id, *extra])).content.decode()
    closes = response_a.cycle.closes_on
    assert long_date(closes, "th") in page
    assert f"เหลืออีก {(closes - timezone.localdate()).days} วัน" in page


def test_the_close_date_is_the_agencys_extension(client, response_a, alice):
    from surveys.models import CycleTarget

    until = timezone.localdate() + timedelta(days=45)
    CycleTarget.objects.filter(agency=response_a.agency).update(deadline=until)
    client.force_login(alice)
    page = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert long_date(until, "th") in page and "เหลืออีก 45 วัน" in page


def test_a_banner_warns_from_seven_days_before_the_close_date(client, response_a, alice):
    response_a.cycle.closes_on = timezone.localdate() + timedelta(days=7)
    response_a.cycle.save()
    client.force_login(alice)
    page = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert 'data-deadline="soon"' in page


def test_after_the_close_date_the_page_says_it_is_closed_and_whom_to_contact(
    client, response_a, alice, close_cycle
):
    close_cycle(response_a.cycle)
    client.force_login(alice)
    page = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert 'data-deadline="closed"' in page and "โปรดติดต่อทีมงานแบบสำรวจของ สพร." in page


def test_the_email_log_shows_a_failure_with_its_error(client, dana, alice):
    OutgoingEmail.objects.create(
        to=alice.email, kind="returned", subject="s", body_text="t", body_html="h",
        state=EmailState.FAILED, error="ConnectionRefusedError: [Errno 111] Connection refused",
    )  # fmt: skip
    client.force_login(dana)
    page = client.get(reverse("surveys:email_log")).content.decode()
    assert alice.email in page and "Connection refused" in page and 'data-email-state="failed"' in page


def test_the_reminders_page_previews_how_many_people_and_which_agencies(client, response_a, alice, bob, dana):
    client.force_login(dana)
    page = client.get(reverse("surveys:reminders", args=[response_a.cycle.year])).content.decode()
    assert "จะแจ้งเตือน 2 คน จาก 1 หน่วยงานที่ยังไม่ส่ง" in page and response_a.agency.name_th in page


def test_sending_from_the_reminders_page_reminds_and_records_when(client, response_a, alice, bob, dana):
    client.force_login(dana)
    url = reverse("surveys:reminders", args=[response_a.cycle.year])
    client.post(url, {"group": "", "ministry": ""})
    assert Notification.objects.filter(kind="deadline_reminder").count() == 2
    page = client.get(url).content.decode()
    assert timezone.localtime().strftime("%H:") in page


@pytest.mark.parametrize("name", ["surveys:score_card", "surveys:benchmark"])
def test_the_score_pages_of_an_open_response_show_the_close_date_once_agencies_see_scores(
    client, response_a, alice, name
):
    response_a.cycle.scores_visible_to_agencies = True
    response_a.cycle.save()
    client.force_login(alice)
    page = client.get(reverse(name, args=[response_a.public_id])).content.decode()
    assert long_date(response_a.cycle.closes_on, "th") in page and "เหลืออีก" in page
