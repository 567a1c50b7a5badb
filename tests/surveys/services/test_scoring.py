"""Scoring as background work: claims, duplicates, superseded results, failures, the sweeper,
jobs; and what evidence counts for."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from surveys import tasks
from surveys.models import (
    Evidence,
    EvidenceState,
    Response,
    ScoreCard,
    ScoreState,
    ScoringJob,
)
from surveys.selectors.scoring import scoring_job_progress
from surveys.services import scoring
from surveys.services.answers import answer_save
from surveys.services.evidence import evidence_add
from surveys.services.transitions import response_transition
from tests.factories import AgencyFactory, ResponseFactory, pdf_upload


@pytest.fixture
def submitted(response_a, score_pending):
    """Agency A's response, submitted with answers five minutes ago, its scoring not yet run."""
    answers = {"P1.1": "approved", "P3.1": 5}
    return score_pending(response_a, answers, requested_at=timezone.now() - timedelta(minutes=5))


def state(response):
    response.refresh_from_db()
    return response.score_state


def test_a_claimed_response_is_scored_and_stored_once(submitted):
    card = scoring.response_score(response_id=submitted.pk, claim="task-1")
    assert (card.total, card.band, state(submitted)) == (pytest.approx((1.0 / 2 + 0.5) / 2), "low", "done")
    assert ScoreCard.objects.filter(response=submitted).count() == 1


def test_a_duplicate_delivery_changes_nothing(submitted):
    first = scoring.response_score(response_id=submitted.pk, claim="task-1")
    assert scoring.response_score(response_id=submitted.pk, claim="task-1") is None
    assert scoring.response_score(response_id=submitted.pk, claim="task-2") is None
    assert list(ScoreCard.objects.filter(response=submitted).values_list("pk", "computed_at")) == [
        (first.pk, first.computed_at)
    ]


def test_work_claimed_by_a_live_task_is_not_taken_by_another(submitted):
    assert scoring._claim(submitted.pk, "task-1")
    assert scoring.response_score(response_id=submitted.pk, claim="task-2") is None
    assert not ScoreCard.objects.filter(response=submitted).exists()


def test_a_redelivered_task_takes_up_its_own_claim(submitted):
    assert scoring._claim(submitted.pk, "task-1")  # then its worker died
    assert scoring.response_score(response_id=submitted.pk, claim="task-1") is not None
    submitted.refresh_from_db()
    assert (submitted.score_state, submitted.score_attempts) == ("done", 2)


def test_stuck_work_is_taken_over_once_it_is_older_than_the_limit(submitted, settings):
    assert scoring._claim(submitted.pk, "task-1")
    Response.objects.filter(pk=submitted.pk).update(
        score_started_at=timezone.now() - timedelta(seconds=settings.SCORING_STUCK_AFTER + 1)
    )
    assert scoring.response_score(response_id=submitted.pk, claim="task-2") is not None


def test_a_result_overtaken_by_a_newer_request_is_not_stored(submitted, monkeypatch):
    gather = scoring.response_scoring_inputs

    def a_new_request_arrives_meanwhile(*, response):
        scoring.response_request_scoring(response=response)
        return gather(response=response)

    monkeypatch.setattr(scoring, "response_scoring_inputs", a_new_request_arrives_meanwhile)
    assert scoring.response_score(response_id=submitted.pk, claim="task-1") is None
    assert (state(submitted), ScoreCard.objects.filter(response=submitted).exists()) == ("pending", False)


def test_a_failing_task_records_its_final_failure(submitted, monkeypatch, as_a_worker_runs_it):
    def broken(*args, **kwargs):
        raise ValueError("engine bug")

    monkeypatch.setattr(scoring, "score_response", broken)
    assert tasks.score_response_task.delay(submitted.pk).state == "FAILURE"
    submitted.refresh_from_db()
    assert (submitted.score_state, submitted.score_error, submitted.score_attempts) == (
        "failed",
        "ValueError: engine bug",
        1,
    )


def test_a_database_error_is_retried_a_bounded_number_of_times_then_recorded(
    submitted, monkeypatch, as_a_worker_runs_it
):
    calls = []

    def database_down(*args, **kwargs):
        calls.append(1)
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(scoring, "score_response", database_down)
    assert tasks.score_response_task.delay(submitted.pk).state == "FAILURE"
    submitted.refresh_from_db()
    assert (len(calls), submitted.score_state) == (1 + tasks.score_response_task.max_retries, "failed")


def test_the_sweeper_scores_pending_work_once_its_grace_has_passed(
    submitted, response_b, score_pending, django_capture_on_commit_callbacks
):
    score_pending(response_b)
    result = scoring.scoring_sweep()
    assert (result.pending, result.sent, state(submitted), state(response_b)) == (1, 1, "done", "pending")


def test_the_sweeper_requeues_stuck_work_and_gives_up_after_the_last_attempt(submitted, response_b, settings):
    long_ago = timezone.now() - timedelta(seconds=settings.SCORING_STUCK_AFTER + 1)
    Response.objects.filter(pk=submitted.pk).update(
        score_state="running", score_started_at=long_ago, score_attempts=1
    )
    Response.objects.filter(pk=response_b.pk).update(
        score_state="running", score_started_at=long_ago, score_attempts=settings.SCORING_MAX_ATTEMPTS
    )
    result = scoring.scoring_sweep()
    response_b.refresh_from_db()
    assert (result.stuck, result.gave_up, state(submitted), response_b.score_state) == (
        1,
        1,
        "done",
        "failed",
    )
    assert "gave up" in response_b.score_error


def test_the_sweeper_leaves_work_pending_while_the_broker_is_down(submitted, monkeypatch):
    def broker_down(*args, **kwargs):
        raise BrokerError("connection refused")

    monkeypatch.setattr(tasks.score_response_task, "delay", broker_down)
    result = scoring.scoring_sweep()
    assert (result.pending, result.sent, state(submitted)) == (1, 0, "pending")


def test_rescoring_a_questionnaire_is_a_job_whose_progress_counts_up(
    submitted, response_b, dana, django_capture_on_commit_callbacks
):
    ResponseFactory(cycle=submitted.cycle, agency=AgencyFactory())  # not started: not scored
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = scoring.questionnaire_rescore(questionnaire=submitted.questionnaire, by=dana)
    before = scoring_job_progress(job=job)
    for callback in callbacks:
        callback()
    after = scoring_job_progress(job=job)
    assert (job.total, before.done, after.done, after.finished) == (1, 0, 1, True)
    assert ScoringJob.objects.get().requested_by == dana


def test_scoring_stores_one_card_and_a_repeat_changes_nothing(
    response_a, alice, bob, request_approval, django_capture_on_commit_callbacks
):
    request_approval(response_a, {"P1.1": "approved", "P1.2": "yes", "P3.1": 12}, officer=alice)
    with django_capture_on_commit_callbacks(execute=True):
        response_transition(response=response_a, action="approve", by=bob, declared=True)
    card = response_a.score_cards.get()
    assert scoring.response_score(response_id=response_a.pk) is None  # already done
    response_a.refresh_from_db()
    assert (card.total, card.band, response_a.score_state, response_a.score_cards.count()) == (
        1.0,
        "high",
        ScoreState.DONE,
        1,
    )


def _scored_with_evidence(response, alice, state=None):
    definition = response.questionnaire.definition
    answer_save(response=response, question_code="P1.1", value="approved", base_version=0, by=alice)
    if state is not None:
        evidence = evidence_add(response=response, question_code="P1.1", upload=pdf_upload(), by=alice)
        Evidence.objects.filter(pk=evidence.pk).update(review_state=state)
    response.__class__.objects.filter(pk=response.pk).update(score_state=ScoreState.PENDING)
    assert definition  # the factory's questionnaire
    return scoring.response_score(response_id=response.pk).card["questions"]["P1.1"]


def test_scoring_counts_pending_evidence_as_present(evidence_response, alice):
    assert _scored_with_evidence(evidence_response, alice, EvidenceState.PENDING)["score"] == 1.0


def test_scoring_gives_no_points_without_evidence(evidence_response, alice):
    assert _scored_with_evidence(evidence_response, alice)["reason"] == "evidence_missing"


def test_scoring_treats_rejected_evidence_as_none(evidence_response, alice):
    assert (
        _scored_with_evidence(evidence_response, alice, EvidenceState.REJECTED)["reason"]
        == "evidence_rejected"
    )
