"""Notifications: written to the inbox with the event, e-mailed through a real SMTP server
once the transaction commits, each e-mail logged, claimed and retried without duplicates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import MembershipRole
from surveys.models import CycleTarget, EmailState, Notification, OutgoingEmail
from surveys.services.cycles import cycle_scores_release, cycle_target_extend
from surveys.services.notifications import email_send, emails_retry, notification_settings_save
from surveys.services.review import review_comment_add
from surveys.services.transitions import response_transition
from tests.factories import MembershipFactory
from tests.mailserver import free_port


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the services schedule on commit (the e-mail tasks), as a real commit would."""

    def _committed(run, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run(*args, **kwargs)

    return _committed


def test_requesting_approval_emails_the_agencys_approvers_in_thai(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    [message] = smtp_server.mailbox.to(bob.email)
    assert "รออนุมัติ" in message["Subject"]
    assert response_a.agency.name_th in message["Subject"]


def test_each_email_has_a_text_and_an_html_part(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    [message] = smtp_server.mailbox.to(bob.email)
    types = {part.get_content_type() for part in message.walk()}
    assert {"text/plain", "text/html"} <= types


def test_the_officer_who_asks_is_not_emailed_about_their_own_request(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    assert smtp_server.mailbox.to(alice.email) == []


def test_the_inbox_keeps_the_notification_with_a_link_to_the_approvals_page(
    committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    item = Notification.objects.get(recipient=bob)
    assert (item.kind, item.link) == ("approval_requested", "/approvals/")


def test_every_delivered_email_is_logged_as_delivered(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    email = OutgoingEmail.objects.get(to=bob.email)
    assert (email.state, email.kind, email.attempts, email.sent_at is not None) == (
        "sent",
        "approval_requested",
        1,
        True,
    )


def test_a_refused_connection_loses_nothing_and_a_later_retry_delivers_it_once(
    settings, committed, response_a, alice, bob, request_approval
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    email = OutgoingEmail.objects.get(to=bob.email)
    assert email.state == EmailState.FAILED and "Connection refused" in email.error
    assert Notification.objects.filter(recipient=bob, kind="approval_requested").exists()

    from tests.mailserver import SMTPServer

    server = SMTPServer(port=settings.EMAIL_PORT).start()
    try:
        later = timezone.now() + timedelta(seconds=settings.EMAIL_RETRY_AFTER + 1)
        assert emails_retry(now=later) == 1
        assert emails_retry(now=later) == 0
        email_send(email_id=email.pk)  # a duplicated task message
    finally:
        server.stop()
    assert len(server.mailbox.to(bob.email)) == 1
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 2)


def test_an_email_already_sent_is_never_sent_again(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    email = OutgoingEmail.objects.get(to=bob.email)
    assert email_send(email_id=email.pk) is None
    assert len(smtp_server.mailbox.to(bob.email)) == 1


def test_a_person_who_turned_a_kind_off_gets_no_email_but_keeps_the_inbox_item(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    notification_settings_save(user=bob, language="th", email_off=["approval_requested"])
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    assert smtp_server.mailbox.to(bob.email) == []
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_a_person_who_chose_english_is_emailed_in_english(
    smtp_server, committed, response_a, alice, bob, request_approval
):
    notification_settings_save(user=bob, language="en", email_off=[])
    committed(request_approval, response_a, {"P1.1": "draft"}, officer=alice)
    [message] = smtp_server.mailbox.to(bob.email)
    assert "waits for your approval" in message["Subject"]


def test_a_returned_response_emails_its_people_the_to_fix_list(
    smtp_server, committed, response_a, alice, bob, dana, submit
):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    review_comment_add(response=response_a, question_code="P1.1", body="โปรดแนบแผนฉบับลงนาม", by=dana)
    response_transition(response=response_a, action="start_review", by=dana)
    committed(response_transition, response=response_a, action="return", by=dana, comment="แก้ไขตามความเห็น")
    [message] = [m for m in smtp_server.mailbox.to(alice.email) if "ส่งกลับ" in m["Subject"]]
    assert "P1.1: โปรดแนบแผนฉบับลงนาม" in message.get_body(preferencelist=("plain",)).get_content()


def test_approval_and_acceptance_notify_the_agencys_officers(response_a, alice, bob, dana, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    response_transition(response=response_a, action="accept", by=dana)
    kinds = set(Notification.objects.filter(recipient=alice).values_list("kind", flat=True))
    assert {"submitted", "accepted"} <= kinds


def test_a_dga_comment_notifies_the_agencys_people(response_a, alice, dana, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice)
    review_comment_add(response=response_a, question_code="P1.1", body="โปรดแนบแผน", by=dana)
    item = Notification.objects.get(recipient=alice, kind="comment")
    assert item.params["comment"] == "โปรดแนบแผน"


def test_an_extended_deadline_notifies_the_agencys_people(response_a, alice, dana):
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    until = timezone.localdate() + timedelta(days=40)
    cycle_target_extend(target=target, until=until, by=dana)
    item = Notification.objects.get(recipient=alice, kind="deadline_extended")
    assert item.params["date"] == until.isoformat()


def test_releasing_score_cards_notifies_each_agencys_people_once(response_a, alice, dana):
    cycle_scores_release(cycle=response_a.cycle, visible=True, by=dana)
    cycle_scores_release(cycle=response_a.cycle, visible=True, by=dana)
    assert Notification.objects.filter(recipient=alice, kind="scores_released").count() == 1


def test_a_deactivated_person_is_not_notified(response_a, alice, request_approval):
    approver = MembershipFactory(agency=response_a.agency, role=MembershipRole.APPROVER).user
    approver.is_active = False
    approver.save()
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    assert not Notification.objects.filter(recipient=approver).exists()
