"""Reminders: who is due on which day, once a day per person and kind, and a DGA admin's
reminder to the non-responders of a group."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import MembershipRole
from surveys.domain.workflow import TransitionError
from surveys.models import Notification, Reminder, ResponseEvent
from surveys.services.reminders import group_reminders_send, last_reminded, reminders_due, reminders_send
from tests.factories import MembershipFactory


@pytest.fixture
def closes_in(cycle):
    def _closes_in(days):
        cycle.closes_on = timezone.localdate() + timedelta(days=days)
        cycle.save()
        return cycle

    return _closes_in


def test_officers_and_approvers_of_an_unsubmitted_agency_are_due_three_days_before(
    closes_in, response_a, alice, bob
):
    closes_in(3)
    due = {(p.user.email, p.kind) for p in reminders_due()}
    assert due == {(alice.email, "deadline_reminder"), (bob.email, "deadline_reminder")}


def test_nobody_is_due_on_a_day_not_in_the_reminder_days(closes_in, response_a, alice, bob):
    closes_in(5)
    assert reminders_due() == []


def test_the_reminder_days_come_from_the_settings(settings, closes_in, response_a, alice):
    settings.REMINDER_DAYS = [5]
    closes_in(5)
    assert [p.user for p in reminders_due()] == [alice]


def test_an_agency_that_submitted_is_not_reminded(closes_in, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    closes_in(3)
    assert reminders_due() == []


def test_an_agency_extension_moves_its_reminder_days(closes_in, response_a, alice, dana):
    from surveys.models import CycleTarget

    closes_in(3)
    CycleTarget.objects.filter(agency=response_a.agency).update(
        deadline=timezone.localdate() + timedelta(days=10)
    )
    assert reminders_due() == []


def test_a_second_run_the_same_day_sends_nothing(closes_in, response_a, alice, bob):
    closes_in(3)
    assert len(reminders_send(planned=reminders_due())) == 2
    assert reminders_send(planned=reminders_due()) == []
    assert Notification.objects.filter(kind="deadline_reminder").count() == 2


def test_the_database_refuses_a_second_reminder_of_a_kind_for_a_person_on_one_day(alice):
    from django.db import IntegrityError, transaction

    Reminder.objects.create(user=alice, kind="deadline_reminder", day=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(user=alice, kind="deadline_reminder", day=timezone.localdate())


def test_approvers_are_reminded_of_a_response_waiting_longer_than_the_setting(
    settings, closes_in, response_a, alice, bob, request_approval
):
    closes_in(20)
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    ResponseEvent.objects.filter(response=response_a).update(
        created_at=timezone.now() - timedelta(days=settings.REMINDER_APPROVAL_AFTER_DAYS + 1)
    )
    assert {(p.user, p.kind) for p in reminders_due()} == {(bob, "approval_reminder")}


def test_a_response_waiting_only_since_today_reminds_nobody(
    closes_in, response_a, alice, bob, request_approval
):
    closes_in(20)
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    assert reminders_due() == []


def test_a_dga_admin_reminds_the_non_responders_of_a_group_and_sees_when(
    response_a, response_b, alice, charlie, dana
):
    sent = group_reminders_send(agency_ids=[response_a.agency_id], by=dana)
    assert [p.user for p in sent] == [alice]
    assert set(last_reminded([response_a.agency_id, response_b.agency_id])) == {response_a.agency_id}


def test_only_a_dga_admin_sends_a_group_reminder(response_a, alice):
    with pytest.raises(TransitionError):
        group_reminders_send(agency_ids=[response_a.agency_id], by=alice)


def test_a_person_of_two_agencies_gets_one_reminder(closes_in, response_a, response_b, alice, charlie):
    MembershipFactory(agency=response_b.agency, user=alice, role=MembershipRole.OFFICER)
    closes_in(3)
    sent = reminders_send(planned=reminders_due())
    assert sorted(p.user.full_name for p in sent) == ["Alice", "Charlie"]
