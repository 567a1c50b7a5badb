"""Sending Celery tasks from services, by name: the one Celery pattern (docs/architecture.md).

Services enqueue work; each app's `tasks.py` calls services. A service names the task it
sends instead of importing the tasks module, so no import cycle hides between the two and
`tasks.py` stays a leaf that nothing imports. Each app's `AppConfig.ready()` imports its
tasks module, which registers the tasks before the first request or job.
"""

from __future__ import annotations

from celery import current_app
from kombu.exceptions import OperationalError as BrokerError


def enqueue(task_name: str, *args: int) -> bool:
    """Send the task with these ids. False when the broker is unreachable: the caller leaves
    its work marked as waiting, and the app's sweeper sends it again later."""
    try:
        current_app.tasks[task_name].delay(*args)
    except BrokerError:
        return False
    return True
