"""Scoring budgets (docs/contract.md#performance-budget): the engine on a 150-question response
(≤ 1 ms), and 2,000 responses scored end to end — enqueued, scored by one worker with two
processes, stored in PostgreSQL (≤ 30 s)."""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from agencies.models import Agency
from benchmarks.questionnaire import answers_150, definition_150, evidence_150
from surveys.domain.definition_parser import parse_definition
from surveys.domain.scoring import score_response
from surveys.models import Answer, Response, ScoreCard, ScoreState
from surveys.services import scoring
from tests.factories import QuestionnaireFactory
from tests.workers import Broker, stop

RESPONSES = 2000


def test_engine_scores_a_150_question_response_within_1_ms(benchmark):
    definition = parse_definition(definition_150())
    assert len(definition.questions_by_code) == 150
    answers, evidence = answers_150(1), evidence_150(1)
    card = benchmark(score_response, definition, answers, evidence)
    assert card.total is not None
    mean, median = benchmark.stats.stats.mean, benchmark.stats.stats.median
    print(f"\nengine: 150 questions, mean {mean * 1000:.3f} ms, median {median * 1000:.3f} ms")
    assert mean <= 0.001


def _responses(count: int) -> Response:
    """`count` submitted responses of 150 answers each, in bulk."""
    questionnaire = QuestionnaireFactory(definition=definition_150())
    agencies = Agency.objects.bulk_create(
        [Agency(code=f"B{n:05d}", name_th=f"หน่วยงาน {n}") for n in range(count)]
    )
    responses = Response.objects.bulk_create(
        [
            Response(agency=a, questionnaire=questionnaire, status="submitted", submitted_at=timezone.now())
            for a in agencies
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(response=r, question_code=c, value=v)
            for r in responses
            for c, v in answers_150(r.pk).items()
        ],
        batch_size=5000,
    )
    return questionnaire


def _ready(worker) -> threading.Event:
    """Drain the worker's output (so it never blocks on a full pipe); set when it is ready."""
    ready = threading.Event()
    stdout, worker.stdout = worker.stdout, None  # the thread alone reads it

    def drain():
        for line in stdout:
            if " ready." in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    return ready


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_2000_responses_are_scored_end_to_end_within_30_s(benchmark):
    if connection.vendor != "postgresql":
        pytest.fail("the end-to-end benchmark needs PostgreSQL")
    questionnaire = _responses(RESPONSES)
    broker = Broker()
    worker = broker.start_worker(concurrency=2, DATABASE_CONN_MAX_AGE="60")  # as in production
    figures = {}
    try:
        ready = _ready(worker)
        assert ready.wait(60), "the worker did not start within 60 s"

        def run():
            started = time.perf_counter()
            with broker.sending():
                scoring.questionnaire_rescore(questionnaire=questionnaire, by=None)
            figures["enqueued"] = time.perf_counter() - started
            done = Response.objects.filter(questionnaire=questionnaire, score_state=ScoreState.DONE)
            while done.count() < RESPONSES and time.perf_counter() - started < 120:
                time.sleep(0.2)
            figures["total"] = time.perf_counter() - started

        benchmark.pedantic(run, rounds=1, iterations=1)
    finally:
        stop(worker)
    cards = ScoreCard.objects.filter(questionnaire=questionnaire).count()
    total, enqueued = figures["total"], figures["enqueued"]
    print(
        f"\nend to end: {cards} of {RESPONSES} responses × 150 answers scored and stored in {total:.2f} s "
        f"({cards / total:.0f}/s; enqueueing took {enqueued:.2f} s); one worker, 2 processes"
    )
    assert cards == RESPONSES
    assert figures["total"] <= 30
