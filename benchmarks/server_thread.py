"""Run a benchmark's requests on a thread of their own, as a gunicorn worker runs them (the
README's `--threads`), not at the bottom of the test runner's stack.

Why it matters: CPython 3.11 keeps a thread's Python frames in 16 KiB chunks, maps a new chunk
when a call crosses the end of one and unmaps it as soon as the call returns
(python/cpython#142183, fixed in 3.13 and 3.14 by keeping one chunk, not in 3.11). pytest runs a
test some 80 frames deep; at that depth the national dashboard's template loops crossed a chunk's
end thousands of times a request: 3,200 page faults and 58 ms a request, where the same page
served by gunicorn took 3 faults and 41 ms. A request thread starts with an empty stack, as a
server's does, so the figures are a server's. The thread uses the test's own database connection
(and so sees what the test made inside its transaction)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def on_a_server_thread(call: Callable[[], T]) -> T:
    """`call()` on a new thread, sharing this thread's default database connection; its result,
    or its exception raised here."""
    shared = connections["default"]
    outcome: dict[str, object] = {}

    def run() -> None:
        connections["default"] = shared
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the calling thread, raised there
            outcome["error"] = error

    shared.inc_thread_sharing()
    try:
        thread = threading.Thread(target=run, name="request")
        thread.start()
        thread.join()
    finally:
        shared.dec_thread_sharing()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
