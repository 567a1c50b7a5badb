"""Celery tasks: thin wrappers around services, taking ids."""

from celery import shared_task
from django.db import OperationalError

from awards.services.ranking import awards_rank


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def rank_awards_task(self, awards_id: int) -> int:
    """Rank every category of an award file; returns how many categories were ranked."""
    try:
        return len(awards_rank(awards_id=awards_id))
    except OperationalError as exc:  # the database blinked: try again, backing off
        raise self.retry(exc=exc, countdown=min(60, 2**self.request.retries)) from exc
