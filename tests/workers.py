"""Real Celery worker processes for tests and benchmarks, each on a queue of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from readiness_portal.celery import app as celery_app


def broker_url() -> str:
    broker = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.fail("REDIS_URL must point at a running Redis broker (make test sets it)")
    return broker


def database_url() -> str:
    """The test database, for a worker process (the test settings keep SQLite's in a file)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            pytest.fail("worker tests need the SQLite test database in a file (see settings.test)")
        return f"sqlite:///{s['NAME']}"
    if connection.vendor != "postgresql":
        pytest.fail(f"worker tests run on PostgreSQL or SQLite, not {connection.vendor}")
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


# Worker tests use a Redis database of their own: the worker-kill test shortens the visibility
# timeout, and a worker restores every unacknowledged message of its database older than that.
WORKER_TEST_REDIS_DB = 13


class Broker:
    """A queue of its own for a test, in the worker tests' Redis database."""

    def __init__(self) -> None:
        url = urlsplit(broker_url())
        self.url = urlunsplit(url._replace(path=f"/{WORKER_TEST_REDIS_DB}"))
        self.queue = f"test-{uuid.uuid4().hex[:8]}"

    def start_worker(self, concurrency: int = 1, **env: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "REDIS_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "readiness_portal.settings.dev",
            **env,
        }
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "readiness_portal", "worker", "-Q", self.queue,
             f"--concurrency={concurrency}", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,  # its own process group: a SIGKILL reaches the pool's children too
        )  # fmt: skip

    @contextmanager
    def sending(self, url: str | None = None) -> Iterator[None]:
        """Tasks sent from this process go to this broker and queue (not run in-process)."""
        keys = ("task_always_eager", "broker_url", "task_default_queue")
        saved = {k: celery_app.conf[k] for k in keys}
        celery_app.conf.update(
            task_always_eager=False, broker_url=url or self.url, task_default_queue=self.queue
        )
        _forget_connections()
        try:
            yield
        finally:
            celery_app.conf.update(saved)
            _forget_connections()


def _forget_connections() -> None:
    """Make the app connect anew to the configured broker. Celery caches a connection pool and a
    producer pool (eager tasks create them too, on the first broker URL) and has no public way
    to drop the producer pool: these two attributes are the whole of it."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def stop(process: subprocess.Popen, kill: bool = False) -> str:
    """Stop a worker (warm shutdown, or SIGKILL to the whole group); return what it printed."""
    if process.poll() is None:
        if kill:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.terminate()  # the main process shuts its pool down warmly
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.stdout.read() if process.stdout else ""


def wait_for(condition: Callable[[], bool], timeout: float, what: str, *workers: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if worker.poll() is not None:
                pytest.fail(f"the worker exited while waiting for {what}:\n{stop(worker)}")
        time.sleep(0.1)
    logs = "\n".join(stop(worker) for worker in workers)
    pytest.fail(f"timed out after {timeout} s waiting for {what}; the workers said:\n{logs}")
