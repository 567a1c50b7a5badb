"""Scoring a questionnaire in batches: the same cards as one task per response, idempotent,
claims respected, a constant number of queries, failures recorded per response."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys import tasks
from surveys.models import Evidence, EvidenceState, Response, ScoreAdjustment, ScoreCard, ScoreState
from surveys.services import scoring
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    QuestionnaireFactory,
    ResponseFactory,
    small_definition,
)


@pytest.fixture
def mixed(evidence_response, response_b, score_pending, alice, dana):
    """Responses of two questionnaires with answers, evidence in each state and an adjustment."""
    other_cycle = CycleFactory(
        year=2567, questionnaire=QuestionnaireFactory(definition=small_definition(code="other"))
    )
    other = ResponseFactory(cycle=other_cycle, agency=AgencyFactory())
    empty = ResponseFactory(cycle=response_b.cycle, agency=AgencyFactory())
    assert other.questionnaire_id != evidence_response.questionnaire_id
    score_pending(evidence_response, {"P1.1": "approved", "P1.2": "yes", "P3.1": 12})
    score_pending(response_b, {"P1.1": "approved", "P3.1": 5})
    score_pending(other, {"P1.1": "approved", "P1.2": "no", "P3.1": 3})
    score_pending(empty)
    for response, review_state in (
        (evidence_response, EvidenceState.PENDING),
        (evidence_response, EvidenceState.REJECTED),
        (response_b, EvidenceState.REJECTED),
        (other, EvidenceState.VERIFIED),
    ):
        Evidence.objects.create(
            response=response,
            question_code="P1.1",
            file="evidence/x.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            extension="pdf",
            size=1,
            review_state=review_state,
            uploaded_by=alice,
        )
    ScoreAdjustment.objects.create(
        response=evidence_response, question_code="P3.1", score=0.25, reason="checked", by=dana
    )
    return [evidence_response.pk, response_b.pk, other.pk, empty.pk]


def cards(ids):
    rows = ScoreCard.objects.filter(response_id__in=ids).order_by("response_id")
    return [(c.response_id, c.questionnaire_id, c.total, c.band, c.node_scores, c.card) for c in rows]


def pending_again(ids):
    ScoreCard.objects.filter(response_id__in=ids).delete()
    Response.objects.filter(pk__in=ids).update(score_state=ScoreState.PENDING, score_attempts=0)


def test_a_batch_stores_the_same_cards_as_one_task_per_response(mixed):
    for response_id in mixed:
        scoring.response_score(response_id=response_id)
    one_by_one = cards(mixed)
    pending_again(mixed)
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 4
    assert cards(mixed) == one_by_one
    assert len({total for _, _, total, _, _, _ in one_by_one}) > 1  # the responses differ
    assert all(node_scores for *_, node_scores, _ in one_by_one)
    assert set(Response.objects.filter(pk__in=mixed).values_list("score_state", "score_claim")) == {
        ("done", "")
    }


def test_running_a_batch_twice_changes_nothing(mixed):
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 4
    first = list(ScoreCard.objects.filter(response_id__in=mixed).values_list("pk", "computed_at"))
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 0  # redelivered
    assert scoring.responses_score(ids=mixed, claim="batch-2") == 0  # duplicated
    assert list(ScoreCard.objects.filter(response_id__in=mixed).values_list("pk", "computed_at")) == first


def test_a_redelivered_batch_takes_up_its_own_claim_and_leaves_others_alone(mixed):
    mine, theirs = mixed[:3], mixed[3]
    assert scoring._claim(theirs, "live-task")
    assert scoring._claim_rows(mine, "batch-1") == 3  # then its worker died
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 3
    states = dict(Response.objects.filter(pk__in=mixed).values_list("pk", "score_state"))
    assert (states[theirs], [states[pk] for pk in mine]) == ("running", ["done"] * 3)
    assert not ScoreCard.objects.filter(response_id=theirs).exists()


def test_a_batch_takes_over_stuck_work(mixed, settings):
    assert scoring._claim_rows(mixed, "lost-task") == 4
    Response.objects.filter(pk__in=mixed).update(
        score_started_at=timezone.now() - timedelta(seconds=settings.SCORING_STUCK_AFTER + 1)
    )
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 4


def test_results_overtaken_by_a_newer_request_are_not_stored(mixed, monkeypatch):
    score, overtaken = scoring.score_response, mixed[1]

    def a_new_request_arrives_meanwhile(*args):
        Response.objects.filter(pk=overtaken).update(score_state=ScoreState.PENDING, score_claim="")
        return score(*args)

    monkeypatch.setattr(scoring, "score_response", a_new_request_arrives_meanwhile)
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 3
    assert Response.objects.get(pk=overtaken).score_state == "pending"
    assert not ScoreCard.objects.filter(response_id=overtaken).exists()


def test_a_response_the_engine_cannot_score_fails_alone(mixed, monkeypatch):
    score, broken = scoring.score_response, mixed[2]

    def engine_bug_on_one(definition, answers, evidence, adjustments):
        if answers.get("P1.2") == "no":
            raise ValueError("engine bug")
        return score(definition, answers, evidence, adjustments)

    monkeypatch.setattr(scoring, "score_response", engine_bug_on_one)
    assert scoring.responses_score(ids=mixed, claim="batch-1") == 3
    failed = Response.objects.get(pk=broken)
    assert (failed.score_state, failed.score_error) == ("failed", "ValueError: engine bug")


def test_a_batch_takes_the_same_number_of_queries_whatever_its_size(mixed):
    with CaptureQueriesContext(connection) as one:
        scoring.responses_score(ids=mixed[:1], claim="batch-1")
    with CaptureQueriesContext(connection) as three:
        scoring.responses_score(ids=mixed[1:], claim="batch-2")
    assert len(three.captured_queries) == len(one.captured_queries)


def test_rescoring_a_questionnaire_sends_batches_of_the_configured_size(
    mixed, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.SCORING_BATCH_SIZE = 2
    sent = []
    monkeypatch.setattr(tasks.score_responses_task, "delay", sent.append)
    questionnaire = Response.objects.get(pk=mixed[1]).questionnaire
    with django_capture_on_commit_callbacks(execute=True):
        job = scoring.questionnaire_rescore(questionnaire=questionnaire, by=None)
    ids = sorted(Response.objects.filter(score_job=job).values_list("pk", flat=True))
    assert (len(ids), sent) == (3, [ids[:2], ids[2:]])


def test_a_failing_batch_task_records_its_final_failure_on_its_responses(
    mixed, monkeypatch, as_a_worker_runs_it
):
    def broken(**kwargs):
        raise ValueError("selector bug")

    monkeypatch.setattr(scoring, "evidence_states_by_response", broken)
    assert tasks.score_responses_task.delay(mixed).state == "FAILURE"
    rows = Response.objects.filter(pk__in=mixed).values_list("score_state", "score_error")
    assert set(rows) == {("failed", "ValueError: selector bug")}


def test_rescoring_here_scores_in_batches(mixed, settings):
    settings.SCORING_BATCH_SIZE = 2
    questionnaire = Response.objects.get(pk=mixed[1]).questionnaire
    job = scoring.questionnaire_rescore(questionnaire=questionnaire, by=None, here=True)
    states = Response.objects.filter(score_job=job).values_list("score_state", flat=True)
    assert list(states) == ["done"] * 3
