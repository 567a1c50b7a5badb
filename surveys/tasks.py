"""Celery tasks: thin wrappers around services, taking ids."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from surveys.services import scoring

# Worth another try: the database blinked, or it was too slow for the soft time limit.
TRANSIENT = (OperationalError, InterfaceError, SoftTimeLimitExceeded)

# How a scoring task (one response or a batch) is delivered, retried and timed.
SCORING: dict[str, Any] = {
    "acks_late": True,  # a message is acknowledged only once its cards are stored ...
    "reject_on_worker_lost": True,  # ... and handed to another worker if this one dies
    "autoretry_for": TRANSIENT,
    "max_retries": 3,
    "retry_backoff": 2,  # 2, 4, 8 s, with jitter
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "soft_time_limit": settings.SCORING_SOFT_TIME_LIMIT,
    "time_limit": settings.SCORING_TIME_LIMIT,
}


class ScoringTask(Task):
    """Records the final failure (after the bounded retries) on the response."""

    def on_failure(self, exc: Exception, task_id: str, args: tuple, kwargs: dict, einfo: Any) -> None:
        response_id = args[0] if args else kwargs["response_id"]
        error = f"{type(exc).__name__}: {exc}"
        scoring.response_mark_scoring_failed(response_id=response_id, claim=task_id, error=error)


@shared_task(bind=True, base=ScoringTask, **SCORING)
def score_response_task(self: Task, response_id: int) -> float | None:
    card = scoring.response_score(response_id=response_id, claim=self.request.id)
    return card.total if card else None


class BatchScoringTask(Task):
    """Records the final failure (after the bounded retries) on the responses it still holds."""

    def on_failure(self, exc: Exception, task_id: str, args: tuple, kwargs: dict, einfo: Any) -> None:
        response_ids = args[0] if args else kwargs["response_ids"]
        error = f"{type(exc).__name__}: {exc}"
        scoring.responses_mark_scoring_failed(ids=response_ids, claim=task_id, error=error)


@shared_task(bind=True, base=BatchScoringTask, **SCORING)
def score_responses_task(self: Task, response_ids: list[int]) -> int:
    """A batch of a questionnaire's rescoring (about SCORING_BATCH_SIZE ids), as score_response_task."""
    return scoring.responses_score(ids=response_ids, claim=self.request.id)


@shared_task
def sweep_scoring_task() -> dict[str, int]:
    """Run by celery beat (CELERY_BEAT_SCHEDULE), as `manage.py sweep_scoring` is by cron."""
    result = scoring.scoring_sweep()
    return {"pending": result.pending, "stuck": result.stuck, "gave_up": result.gave_up, "sent": result.sent}


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=900)
def export_task(job_id: int) -> int | None:
    """Write one export job's file; a repeated delivery finds it claimed and does nothing."""
    from surveys.services import exports

    job = exports.export_run(job_id=job_id)
    return job.done if job else None


@shared_task
def sweep_exports_task() -> dict[str, int]:
    """Run by celery beat (CELERY_BEAT_SCHEDULE), as `manage.py sweep_exports` is by cron."""
    from surveys.services import exports

    waiting, stuck = exports.exports_sweep()
    return {"waiting": waiting, "stuck": stuck}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_email_task(email_id: int) -> str | None:
    """Send one logged e-mail; a repeated delivery finds it claimed or sent and does nothing."""
    from surveys.services import notifications

    email = notifications.email_send(email_id=email_id)
    return email.state if email else None


@shared_task
def retry_emails_task() -> int:
    """Run by celery beat: send again the e-mails that failed or were never handed over."""
    from surveys.services import notifications

    return notifications.emails_retry()


@shared_task
def send_reminders_task() -> int:
    """Run daily by celery beat, as `manage.py send_reminders` is by cron."""
    from surveys.services import reminders

    return len(reminders.reminders_send(planned=reminders.reminders_due()))
