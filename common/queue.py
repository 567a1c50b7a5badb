"""Sending Celery tasks from services, by name: the one Celery pattern (docs/architecture.md).

Services enqueue work; each app's `tasks.py` calls services. A service names the task it
sends instead of importing the tasks module, so no import cycle hides between the two and
`tasks.py` stays a leaf that nothing imports. Each app's `AppConfig.ready()` imports its
tasks module, which registers the tasks before the first request or job.
"""

from __future__ import annotations

import logging
import threading

from celery import current_app
from django.core.signals import request_finished, request_started
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args: int | list[int]) -> bool:
    """Send the task with these ids (or lists of ids). False when the broker is unreachable: the caller leaves
    its work marked as waiting, and the app's sweeper sends it again later."""
    try:
        current_app.tasks[task_name].delay(*args)
    except BrokerError:
        return False
    return True


# Work a request asked to run "after the response": with no broker (the embedded default, tasks
# run in-process) it is held for the current thread's request and run once the response has been
# sent (Django's request_finished, fired when the server closes the response); with a broker it
# goes to the worker at once, as enqueue does.
_held = threading.local()


def enqueue_after_response(task_name: str, *args: int) -> bool:
    """Like enqueue, but never in the request's own time: a person's decision is answered first."""
    waiting = getattr(_held, "tasks", None)
    if current_app.conf.task_always_eager and waiting is not None:
        waiting.append((task_name, args))
        return True
    return enqueue(task_name, *args)


def _hold(**kwargs: object) -> None:
    _held.tasks = []


def _run_held(**kwargs: object) -> None:
    waiting, _held.tasks = getattr(_held, "tasks", None), None
    for task_name, args in waiting or []:
        try:
            enqueue(task_name, *args)
        except Exception:  # the response is sent; the sweeper retries what is still pending
            logger.exception("task %s%r failed after the response", task_name, args)


def forget_held() -> None:
    """Drop what a request of this thread held and never ran because the request never finished:
    a test client's streamed reply (a file download) left unread never sends request_finished, so
    what the thread enqueued next, outside any request, would be held for ever (tests/conftest.py)."""
    _held.tasks = None


request_started.connect(_hold, dispatch_uid="common.queue.hold")
request_finished.connect(_run_held, dispatch_uid="common.queue.run_held")
