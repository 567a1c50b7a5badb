"""Scoring through the real Redis broker and real Celery worker processes (not eager)."""

import time

import pytest
from django.core.management import call_command

from surveys.models import Response, ResponseStatus, ScoreCard, ScoreState
from tests.factories import AgencyFactory, CycleFactory, ResponseFactory
from tests.workers import Broker, stop, wait_for


@pytest.fixture
def broker():
    return Broker()


@pytest.fixture
def response(db):
    return ResponseFactory(cycle=CycleFactory(), agency=AgencyFactory())


def has_card(response):
    return lambda: ScoreCard.objects.filter(response=response).exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_scores_a_submitted_response(broker, response, submit):
    worker = broker.start_worker()
    try:
        with broker.sending():
            submit(response, {"P1.1": "draft", "P1.2": "yes", "P3.1": 10})
        wait_for(has_card(response), 60, "the score card", worker)
    finally:
        stop(worker)
    card = ScoreCard.objects.get(response=response)
    response.refresh_from_db()
    # P1 = mean(0.5, 1.0) = 0.75; P3 = band 10 → 2/2 = 1.0; total = 0.875
    assert (card.total, card.band, response.score_state) == (pytest.approx(0.875), "high", ScoreState.DONE)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_task_leaves_one_score_after_a_restart(broker, response, submit):
    visibility = {"CELERY_VISIBILITY_TIMEOUT": "3"}  # Redis hands unacknowledged work on after 3 s
    # SCORING_TEST_ONLY_DELAY holds the task between its claim and its write, so it can be killed there.
    doomed = broker.start_worker(SCORING_TEST_ONLY_DELAY="30", **visibility)
    try:
        with broker.sending():
            submit(response, {"P1.1": "approved", "P1.2": "yes", "P3.1": 10})
        running = Response.objects.filter(pk=response.pk, score_state=ScoreState.RUNNING)
        wait_for(running.exists, 60, "the first worker to claim the response", doomed)
    finally:
        stop(doomed, kill=True)  # SIGKILL, main process and pool child alike
    assert doomed.returncode == -9 and not ScoreCard.objects.filter(response=response).exists()

    time.sleep(4)  # past the visibility timeout: the restarted worker takes the message back on start
    restarted = broker.start_worker(**visibility)
    try:
        wait_for(has_card(response), 60, "the restarted worker's score card", restarted)
        time.sleep(4)  # time enough for a duplicate delivery to show up, if there were one
    finally:
        log = stop(restarted)
    response.refresh_from_db()
    assert ScoreCard.objects.filter(response=response).count() == 1
    assert (response.score_state, response.score_attempts) == (ScoreState.DONE, 2), log
    assert ScoreCard.objects.get(response=response).total == 1.0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_submission_with_the_broker_down_is_saved_then_scored_by_the_sweeper(broker, response, submit):
    with broker.sending(url="redis://127.0.0.1:1/0"):  # nothing listens on port 1
        submit(response, {"P1.1": "approved", "P1.2": "no", "P3.1": 0})
    response.refresh_from_db()
    assert (response.status, response.score_state) == (ResponseStatus.SUBMITTED, ScoreState.PENDING)

    worker = broker.start_worker()
    try:
        with broker.sending():  # the broker is back
            call_command("sweep_scoring", "--older-than", "0")
        wait_for(has_card(response), 60, "the swept response's score card", worker)
    finally:
        stop(worker)
    response.refresh_from_db()
    assert response.score_state == ScoreState.DONE
    assert ScoreCard.objects.get(response=response).total == pytest.approx(0.25)  # P1 = 0.5, P3 = 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_rescores_a_questionnaire_in_batches(broker, response, submit, settings):
    from surveys.services import scoring

    settings.SCORING_BATCH_SIZE = 2
    others = [ResponseFactory(cycle=response.cycle, agency=AgencyFactory()) for _ in range(2)]
    for each in [response, *others]:
        submit(each, {"P1.1": "draft", "P1.2": "yes", "P3.1": 10})  # eager: scored once here
    ScoreCard.objects.all().delete()
    worker = broker.start_worker(concurrency=2)
    try:
        with broker.sending():
            scoring.questionnaire_rescore(questionnaire=response.questionnaire, by=None)
        wait_for(lambda: ScoreCard.objects.count() == 3, 60, "the three score cards", worker)
    finally:
        stop(worker)
    assert list(Response.objects.values_list("score_state", flat=True)) == ["done"] * 3
    assert list(ScoreCard.objects.values_list("total", flat=True)) == pytest.approx([0.875] * 3)
