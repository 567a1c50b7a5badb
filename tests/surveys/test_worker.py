"""Scoring through the real Redis broker and a real Celery worker process (not eager)."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from agencies.models import MembershipRole
from readiness_portal.celery import app as celery_app
from surveys import services
from surveys.models import ScoreCard, ScoreState
from tests.factories import AgencyFactory, CycleFactory, MembershipFactory, ResponseFactory


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.fail("the worker test needs PostgreSQL: set DATABASE_URL (make test does)")
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker():
    """A worker process on its own queue, bound to the test database."""
    broker = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.fail("REDIS_URL must point at a running Redis broker (make test sets it)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": broker,
        "DJANGO_SETTINGS_MODULE": "readiness_portal.settings.dev",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "readiness_portal", "worker", "-Q", queue,
         "--concurrency=1", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    celery_app.conf.update(task_always_eager=False, broker_url=broker, task_default_queue=queue)
    try:
        yield process
    finally:
        celery_app.conf.update(saved)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_scores_a_submitted_response(worker):
    agency = AgencyFactory()
    response = ResponseFactory(cycle=CycleFactory(), agency=agency)
    officer = MembershipFactory(agency=agency, role=MembershipRole.OFFICER).user
    approver = MembershipFactory(agency=agency, role=MembershipRole.APPROVER).user
    services.answers_save(response=response, values={"P1.1": "draft", "P1.2": "yes", "P3.1": 10}, by=officer)
    services.response_transition(response=response, action="request_approval", by=officer)
    services.response_transition(response=response, action="approve", by=approver)  # commits, enqueues

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not ScoreCard.objects.filter(response=response).exists():
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.2)
    card = ScoreCard.objects.filter(response=response).first()
    assert card is not None, "the worker stored no score card within 60 s"
    response.refresh_from_db()
    # P1 = mean(0.5, 1.0) = 0.75; P3 = band 10 → 2/2 = 1.0; total = 0.875
    assert card.total == pytest.approx(0.875)
    assert card.band == "high"
    assert response.score_state == ScoreState.DONE
