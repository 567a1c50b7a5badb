"""Answer saving and transitions through the service layer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.domain.workflow import TransitionError
from surveys.models import AnswerChange, CycleTarget, ResponseEvent, ResponseStatus, ScoreState
from surveys.services import scoring
from surveys.services.answers import answers_save
from surveys.services.transitions import response_transition


def test_the_first_save_starts_the_response(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.DRAFT


def test_every_change_of_an_answer_is_kept(response_a, alice, bob):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    answers_save(response=response_a, values={"P1.1": "approved"}, by=bob)
    answer = response_a.answers.get(question_code="P1.1")
    history = list(
        AnswerChange.objects.filter(answer=answer).values_list("version", "old_value", "new_value")
    )
    assert (answer.version, answer.updated_by) == (2, bob)
    assert history == [(1, None, "draft"), (2, "draft", "approved")]


def test_an_unchanged_value_makes_no_new_version(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert answers_save(response=response_a, values={"P1.1": "draft"}, by=alice) == 0


def test_an_officer_of_another_agency_cannot_save(response_a, charlie):
    with pytest.raises(TransitionError):
        answers_save(response=response_a, values={"P1.1": "draft"}, by=charlie)


def test_nothing_is_saved_after_the_deadline(response_a, alice):
    cycle = response_a.cycle
    cycle.opens_on = timezone.localdate() - timedelta(days=60)
    cycle.closes_on = timezone.localdate() - timedelta(days=1)
    cycle.save()
    with pytest.raises(TransitionError) as caught:
        answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert caught.value.code == "closed"


def test_an_extended_deadline_reopens_the_agency(response_a, alice):
    cycle = response_a.cycle
    cycle.opens_on, cycle.closes_on = (
        timezone.localdate() - timedelta(days=60),
        timezone.localdate() - timedelta(days=1),
    )
    cycle.save()
    CycleTarget.objects.filter(cycle=cycle, agency=response_a.agency).update(
        deadline=timezone.localdate() + timedelta(days=3)
    )
    assert answers_save(response=response_a, values={"P1.1": "draft"}, by=alice) == 1


def test_a_transition_writes_an_event_with_actor_and_comment(response_a, alice, bob):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    response_transition(response=response_a, action="request_approval", by=alice)
    response_transition(response=response_a, action="send_back", by=bob, comment="ขอแก้ไขข้อ P1.1")
    event = ResponseEvent.objects.filter(response=response_a).last()
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        "send_back",
        "awaiting_approval",
        "draft",
        bob,
        "ขอแก้ไขข้อ P1.1",
    )


def test_a_response_awaiting_approval_is_locked_for_editing(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    response_transition(response=response_a, action="request_approval", by=alice)
    with pytest.raises(TransitionError) as caught:
        answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    assert caught.value.code == "locked"


def test_approval_enqueues_scoring_only_after_commit(
    response_a, alice, bob, django_capture_on_commit_callbacks
):
    answers_save(response=response_a, values={"P1.1": "approved", "P1.2": "yes", "P3.1": 12}, by=alice)
    response_transition(response=response_a, action="request_approval", by=alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response_transition(response=response_a, action="approve", by=bob)
    response_a.refresh_from_db()
    assert (response_a.status, response_a.score_state, len(callbacks)) == (
        ResponseStatus.SUBMITTED,
        ScoreState.PENDING,
        1,
    )
    assert not response_a.score_cards.exists()


def test_scoring_stores_one_card_and_a_repeat_changes_nothing(
    response_a, alice, bob, django_capture_on_commit_callbacks
):
    answers_save(response=response_a, values={"P1.1": "approved", "P1.2": "yes", "P3.1": 12}, by=alice)
    response_transition(response=response_a, action="request_approval", by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        response_transition(response=response_a, action="approve", by=bob)
    card = response_a.score_cards.get()
    assert scoring.response_score(response_id=response_a.pk) is None  # already done
    response_a.refresh_from_db()
    assert (card.total, card.band, response_a.score_state, response_a.score_cards.count()) == (
        1.0,
        "high",
        ScoreState.DONE,
        1,
    )


def test_a_submission_succeeds_and_stays_score_pending_when_the_broker_is_down(
    response_a, alice, bob, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from surveys import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.score_response_task, "delay", broker_down)
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    response_transition(response=response_a, action="request_approval", by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        response_transition(response=response_a, action="approve", by=bob)
    response_a.refresh_from_db()
    assert (response_a.status, response_a.score_state) == (ResponseStatus.SUBMITTED, ScoreState.PENDING)
    assert not response_a.score_cards.exists()
