"""Celery tasks: thin wrappers around services, taking ids."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def score_response_task(self, response_id: int) -> float | None:
    try:
        card = services.response_score(response_id=response_id)
    except OperationalError as exc:  # the database blinked: try again, backing off
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries)) from exc
        services.response_mark_scoring_failed(response_id=response_id)
        raise
    except Exception:
        services.response_mark_scoring_failed(response_id=response_id)
        raise
    return card.total if card else None
