"""Fixtures of the services' tests."""

import pytest


@pytest.fixture
def as_a_worker_runs_it():
    """Tasks run in-process report failures as a worker does (instead of raising to the caller)."""
    from readiness_portal.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved
