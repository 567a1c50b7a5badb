"""Transitions through the service layer: nothing incomplete goes, nothing late goes, every
step is an event, and approval enqueues scoring."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import AuditEvent
from surveys.domain.workflow import TransitionError
from surveys.models import CycleTarget, Notification, ResponseEvent, ResponseStatus, ScoreState
from surveys.services.answers import answers_save
from surveys.services.cycles import cycle_target_extend
from surveys.services.review import review_comment_add
from surveys.services.transitions import response_transition


def test_approval_is_refused_while_a_required_question_is_empty(strict_response, alice):
    answers_save(response=strict_response, values={"P1.2": "yes"}, by=alice)
    with pytest.raises(TransitionError) as caught:
        response_transition(response=strict_response, action="request_approval", by=alice)
    assert caught.value.code == "incomplete"


def test_submission_after_the_close_date_is_refused(response_a, alice, bob, request_approval, close_cycle):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    close_cycle(response_a.cycle)
    with pytest.raises(TransitionError) as caught:
        response_transition(response=response_a, action="approve", by=bob, declared=True)
    assert caught.value.code == "closed"


def test_submission_is_allowed_after_an_extension(
    response_a, alice, bob, dana, request_approval, close_cycle
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    close_cycle(response_a.cycle)
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    cycle_target_extend(target=target, until=timezone.localdate() + timedelta(days=7), by=dana)
    response_transition(response=response_a, action="approve", by=bob, declared=True)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED


def test_a_returned_response_is_edited_again_and_goes_round_the_loop(response_a, alice, bob, dana, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    response_transition(response=response_a, action="start_review", by=dana)
    review_comment_add(response=response_a, question_code="P1.1", body="ขอหลักฐาน", by=dana)
    response_transition(response=response_a, action="return", by=dana, comment="ดูความเห็น")
    submit(response_a, {"P1.1": "approved"}, officer=alice, approver=bob)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED


def test_a_transition_writes_an_event_with_actor_and_comment(response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    response_transition(response=response_a, action="send_back", by=bob, comment="ขอแก้ไขข้อ P1.1")
    event = ResponseEvent.objects.filter(response=response_a).last()
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        "send_back",
        "awaiting_approval",
        "draft",
        bob,
        "ขอแก้ไขข้อ P1.1",
    )


def test_a_response_awaiting_approval_is_locked_for_editing(response_a, alice, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    with pytest.raises(TransitionError) as caught:
        answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    assert caught.value.code == "locked"


def test_approval_enqueues_scoring_only_after_commit(
    response_a, alice, bob, request_approval, django_capture_on_commit_callbacks
):
    request_approval(response_a, {"P1.1": "approved", "P1.2": "yes", "P3.1": 12}, officer=alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response_transition(response=response_a, action="approve", by=bob, declared=True)
    response_a.refresh_from_db()
    # Three callbacks wait for the commit: scoring, the officer's "submitted" e-mail, and
    # forgetting the recipients' cached unread counts.
    assert (response_a.status, response_a.score_state, len(callbacks)) == (
        ResponseStatus.SUBMITTED,
        ScoreState.PENDING,
        3,
    )
    assert not response_a.score_cards.exists()


def test_a_submission_succeeds_and_stays_score_pending_when_the_broker_is_down(
    response_a, alice, bob, request_approval, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from surveys import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.score_response_task, "delay", broker_down)
    request_approval(response_a, {"P1.1": "approved"}, officer=alice)
    with django_capture_on_commit_callbacks(execute=True):
        response_transition(response=response_a, action="approve", by=bob, declared=True)
    response_a.refresh_from_db()
    assert (response_a.status, response_a.score_state) == (ResponseStatus.SUBMITTED, ScoreState.PENDING)
    assert not response_a.score_cards.exists()


def test_answers_that_lack_evidence_do_not_block_the_request(evidence_response, alice, request_approval):
    request_approval(evidence_response, {"P1.1": "approved"}, officer=alice)
    evidence_response.refresh_from_db()
    assert evidence_response.status == ResponseStatus.AWAITING_APPROVAL


def test_approval_without_the_declaration_is_refused(response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    with pytest.raises(TransitionError) as caught:
        response_transition(response=response_a, action="approve", by=bob)
    response_a.refresh_from_db()
    assert (caught.value.code, response_a.status) == (
        "declaration_required",
        ResponseStatus.AWAITING_APPROVAL,
    )


def test_the_officer_withdraws_the_request_with_an_event_and_an_audit_row(
    response_a, alice, request_approval
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    response_transition(response=response_a, action="withdraw", by=alice)
    response_a.refresh_from_db()
    event = ResponseEvent.objects.filter(response=response_a).last()
    assert (response_a.status, event.action, event.actor) == (ResponseStatus.DRAFT, "withdraw", alice)
    assert AuditEvent.objects.filter(action="response.withdraw", actor=alice).exists()


def test_the_approvers_are_told_of_a_withdrawal(response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    response_transition(response=response_a, action="withdraw", by=alice)
    assert Notification.objects.filter(recipient=bob, kind="approval_withdrawn").exists()
