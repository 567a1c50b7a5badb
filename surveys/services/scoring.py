"""Scoring use cases: request, claim and store, sweep, rescore a whole questionnaire.

A request marks the response "score pending" and enqueues a task once the transaction
commits. The task claims the response with a conditional UPDATE (pending, or already its
own after a redelivery, or stuck), scores it with the pure engine and stores one card per
response and questionnaire version (a database constraint) only if its claim still holds,
so duplicated, redelivered or superseded tasks change nothing.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from agencies.models import User
from common.queue import enqueue, enqueue_after_response
from surveys.domain.definition import Definition
from surveys.domain.scoring import Adjustment, score_response
from surveys.models import (
    Answer,
    Questionnaire,
    Response,
    ResponseStatus,
    ScoreCard,
    ScoreState,
    ScoringJob,
    node_scores_of,
)
from surveys.selectors.responses import evidence_states_by_response, evidence_states_of
from surveys.selectors.review import adjustments_by_response, adjustments_of

logger = logging.getLogger(__name__)

# Responses that have left the agency carry a score; drafts do not.
SCOREABLE = (ResponseStatus.SUBMITTED, ResponseStatus.UNDER_REVIEW, ResponseStatus.ACCEPTED)


@dataclass(frozen=True)
class ScoringInputs:
    definition: Definition
    answers: dict[str, Any]
    evidence: dict[str, str]
    adjustments: dict[str, Adjustment]


def response_scoring_inputs(*, response: Response) -> ScoringInputs:
    """Everything the engine needs for one response: the one place to extend.

    Evidence states (question code → "present" | "rejected", from the files' review states)
    and reviewer adjustments (question code → Adjustment) join here.
    """
    answers = dict(Answer.objects.filter(response_id=response.pk).values_list("question_code", "value"))
    evidence = evidence_states_of(response_id=response.pk)
    adjustments = adjustments_of(response_id=response.pk)
    return ScoringInputs(response.questionnaire.parsed, answers, evidence=evidence, adjustments=adjustments)


def response_request_scoring(*, response: Response, after_response: bool = False) -> None:
    """Mark the response's score pending and enqueue scoring once the transaction commits;
    `after_response`: with no broker, score only once the page has answered (a review decision)."""
    responses_request_scoring(ids=[response.pk], after_response=after_response)


def responses_request_scoring(
    *,
    ids: list[int],
    job: ScoringJob | None = None,
    enqueue: bool = True,
    after_response: bool = False,
    batched: bool = False,
) -> None:
    """Mark the responses' scores pending and enqueue their scoring once the transaction commits:
    one task each, or with `batched` one task per SCORING_BATCH_SIZE responses (a whole questionnaire)."""
    fields: dict[str, Any] = {
        "score_state": ScoreState.PENDING,
        "score_requested_at": timezone.now(),
        "score_attempts": 0,
        "score_error": "",
    }
    if job is not None:
        fields["score_job"] = job
    Response.objects.filter(pk__in=ids).update(**fields)
    if enqueue:
        if batched:
            transaction.on_commit(lambda: enqueue_scoring_batches(ids))
        else:
            transaction.on_commit(lambda: enqueue_scoring(ids, after_response=after_response))


def enqueue_scoring(ids: list[int], *, after_response: bool = False) -> int:
    """Send one task per response; stop at the first broker failure. Returns how many were sent."""
    send = enqueue_after_response if after_response else enqueue
    for sent, response_id in enumerate(ids):
        if not send("surveys.tasks.score_response_task", response_id):
            # The responses stay "score pending"; the sweeper enqueues them when the broker is back.
            logger.warning("broker unreachable: scoring of %d response(s) left pending", len(ids) - sent)
            return sent
    return len(ids)


def enqueue_scoring_batches(ids: list[int]) -> int:
    """Send one batch task per SCORING_BATCH_SIZE responses; stop at the first broker failure
    (the rest stay pending for the sweeper). Returns how many responses were sent."""
    sent = 0
    for batch in _batches(ids):
        if not enqueue("surveys.tasks.score_responses_task", batch):
            logger.warning("broker unreachable: scoring of %d response(s) left pending", len(ids) - sent)
            break
        sent += len(batch)
    return sent


def _batches(ids: list[int]) -> Iterator[list[int]]:
    """The ids in runs of SCORING_BATCH_SIZE, in their order."""
    size = settings.SCORING_BATCH_SIZE
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def response_score(*, response_id: int, claim: str | None = None) -> ScoreCard | None:
    """Score a response and store its card, if this caller may claim it. None: nothing to do."""
    claim = claim or uuid.uuid4().hex
    if not _claim(response_id, claim):
        return None  # scored already, claimed by a live task, or gone
    if settings.SCORING_TEST_ONLY_DELAY:
        time.sleep(settings.SCORING_TEST_ONLY_DELAY)  # see settings: the worker-kill test only
    rows = Response.objects.select_related("questionnaire").defer("questionnaire__definition")
    response = rows.get(pk=response_id)
    inputs = response_scoring_inputs(response=response)
    card = score_response(inputs.definition, inputs.answers, inputs.evidence, inputs.adjustments)
    with transaction.atomic():
        # Done only while our claim holds (the UPDATE also locks the row); a newer request
        # made it pending again, and its own task will store the fresh card.
        finished = Response.objects.filter(
            pk=response_id, score_state=ScoreState.RUNNING, score_claim=claim
        ).update(score_state=ScoreState.DONE, score_claim="", score_error="")
        if not finished:
            return None
        return _store(response, card.to_dict(), card.total, card.band)


def _claim(response_id: int, claim: str) -> bool:
    return bool(_claim_rows([response_id], claim))


def _claim_rows(ids: list[int], claim: str) -> int:
    """One conditional UPDATE: pending, or already this claim's (redelivered or retried), or stuck."""
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.SCORING_STUCK_AFTER)
    running = Q(score_state=ScoreState.RUNNING)
    claimable = (
        Q(score_state=ScoreState.PENDING)
        | (running & Q(score_claim=claim))  # our own message, redelivered or retried
        | (running & Q(score_started_at__lt=stuck))
    )
    return Response.objects.filter(
        claimable, pk__in=ids, score_attempts__lt=settings.SCORING_MAX_ATTEMPTS
    ).update(
        score_state=ScoreState.RUNNING,
        score_claim=claim,
        score_started_at=now,
        score_attempts=F("score_attempts") + 1,
    )


def _store(response: Response, card: dict, total: float | None, band: str | None) -> ScoreCard:
    """One INSERT … ON CONFLICT DO UPDATE on (response, questionnaire): one card, whatever the repeats."""
    (stored,) = _upsert([_card_row(response.pk, response.questionnaire_id, card, total, band)])
    return stored


def _card_row(
    response_id: int, questionnaire_id: int, card: dict, total: float | None, band: str | None
) -> ScoreCard:
    return ScoreCard(
        response_id=response_id,
        questionnaire_id=questionnaire_id,
        total=total,
        band=band or "",
        card=card,
        node_scores=node_scores_of(card),
        computed_at=timezone.now(),
    )


def _upsert(rows: list[ScoreCard]) -> list[ScoreCard]:
    return ScoreCard.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["response", "questionnaire"],
        update_fields=["total", "band", "card", "node_scores", "computed_at"],
    )


def responses_score(*, ids: list[int], claim: str) -> int:
    """Score a batch of responses as `response_score` does each one, in a constant number of
    queries: one UPDATE claims what may be claimed, one read each of the claimed responses,
    their answers, evidence and adjustments, then in one transaction the rows whose claim
    still holds are locked, their cards upserted at once and marked done. Returns how many
    cards were stored; running it again (a redelivery, a duplicate) changes nothing.

    A response the engine cannot score is marked failed with its error; the others go on.
    """
    if not _claim_rows(ids, claim):
        return 0
    if settings.SCORING_TEST_ONLY_DELAY:
        time.sleep(settings.SCORING_TEST_ONLY_DELAY)
    # In id order: no join for the default ordering (by agency), and locks taken in one order.
    mine = Response.objects.filter(pk__in=ids, score_state=ScoreState.RUNNING, score_claim=claim).order_by(
        "pk"
    )
    claimed = list(mine.values_list("pk", "questionnaire_id"))
    claimed_ids = [pk for pk, _ in claimed]
    answers: dict[int, dict[str, Any]] = {}
    rows = Answer.objects.filter(response_id__in=claimed_ids).values_list(
        "response_id", "question_code", "value"
    )
    for response_id, code, value in rows:
        answers.setdefault(response_id, {})[code] = value
    evidence = evidence_states_by_response(ids=claimed_ids)
    adjustments = adjustments_by_response(ids=claimed_ids)
    # Parsed once per process (by checksum): the JSON is fetched only on a miss.
    questionnaires = Questionnaire.objects.filter(pk__in={q for _, q in claimed}).defer("definition")
    definitions = {q.pk: q.parsed for q in questionnaires}
    cards: dict[int, ScoreCard] = {}
    for response_id, questionnaire_id in claimed:
        try:
            card = score_response(
                definitions[questionnaire_id],
                answers.get(response_id, {}),
                evidence.get(response_id, {}),
                adjustments.get(response_id, {}),
            )
        except Exception as exc:  # this response fails, as its own task would; the batch goes on
            logger.exception("scoring response %s failed", response_id)
            response_mark_scoring_failed(
                response_id=response_id, claim=claim, error=f"{type(exc).__name__}: {exc}"
            )
            continue
        cards[response_id] = _card_row(response_id, questionnaire_id, card.to_dict(), card.total, card.band)
    with transaction.atomic():
        # Only rows our claim still holds (locked until the end); a newer request made the
        # others pending again, and their own tasks will store the fresh cards.
        held = list(mine.filter(pk__in=list(cards)).select_for_update().values_list("pk", flat=True))
        if not held:
            return 0
        _upsert([cards[pk] for pk in held])
        Response.objects.filter(pk__in=held).update(
            score_state=ScoreState.DONE, score_claim="", score_error=""
        )
    return len(held)


def responses_mark_scoring_failed(*, ids: list[int], claim: str, error: str) -> None:
    """`response_mark_scoring_failed` for a batch: only the rows this claim still holds."""
    Response.objects.filter(pk__in=ids, score_state=ScoreState.RUNNING, score_claim=claim).update(
        score_state=ScoreState.FAILED, score_claim="", score_error=error[:2000]
    )


def response_mark_scoring_failed(*, response_id: int, claim: str, error: str) -> None:
    """Record the final failure of a claim (after its retries); a newer request is left alone."""
    responses_mark_scoring_failed(ids=[response_id], claim=claim, error=error)


@dataclass(frozen=True)
class SweepResult:
    pending: int
    stuck: int
    gave_up: int
    sent: int


def scoring_sweep(*, older_than: int | None = None) -> SweepResult:
    """Re-enqueue pending work older than `older_than` seconds and work stuck in "running";
    mark failed what used up its attempts. Safe to run at any time, from anywhere."""
    now = timezone.now()
    grace = settings.SCORING_PENDING_GRACE if older_than is None else older_than
    stuck_before = now - timedelta(seconds=settings.SCORING_STUCK_AFTER)
    running_stuck = Response.objects.filter(score_state=ScoreState.RUNNING, score_started_at__lt=stuck_before)
    exhausted = Q(score_attempts__gte=settings.SCORING_MAX_ATTEMPTS)
    gave_up = running_stuck.filter(exhausted).update(
        score_state=ScoreState.FAILED,
        score_claim="",
        score_error="gave up: the worker was lost or hit the time limit on every attempt",
    )
    stuck_ids = list(running_stuck.exclude(exhausted).values_list("pk", flat=True))
    Response.objects.filter(pk__in=stuck_ids).update(score_state=ScoreState.PENDING, score_claim="")
    requested_before = now - timedelta(seconds=grace)
    pending = Response.objects.filter(
        score_state=ScoreState.PENDING, score_requested_at__lte=requested_before
    )
    pending_ids = list(pending.exclude(pk__in=stuck_ids).values_list("pk", flat=True))
    sent = enqueue_scoring(stuck_ids + pending_ids)
    return SweepResult(len(pending_ids), len(stuck_ids), gave_up, sent)


def questionnaire_rescore(*, questionnaire: Questionnaire, by: User | None, here: bool = False) -> ScoringJob:
    """Rescore every scoreable response of a questionnaire, recorded as a job whose progress
    shows; `here` scores them in this process instead of enqueueing (`score --sync`)."""
    with transaction.atomic():
        ids = list(
            Response.objects.filter(questionnaire=questionnaire, status__in=SCOREABLE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        job = ScoringJob.objects.create(questionnaire=questionnaire, requested_by=by, total=len(ids))
        responses_request_scoring(ids=ids, job=job, enqueue=not here, batched=True)
    if here:
        for batch in _batches(ids):
            claim = uuid.uuid4().hex
            try:
                responses_score(ids=batch, claim=claim)
            except Exception as exc:  # recorded on the responses, as a worker would; the others go on
                logger.exception("scoring responses %s…%s failed", batch[0], batch[-1])
                responses_mark_scoring_failed(ids=batch, claim=claim, error=f"{exc!r}")
    return job
