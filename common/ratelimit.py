"""A fixed-window rate limit on the shared cache (Redis in production, so every worker counts
together): how many times a key may be used in a window of seconds."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def within_rate(key: str, limit: int, window: int) -> bool:
    """Count one use of `key`; False once it has been used more than `limit` times in the
    current window of `window` seconds."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    bucket = f"rate:{digest}:{int(time.time() // window)}"
    # Counted first (the window's key usually exists: two Redis round trips, where adding it
    # each time first made three); created by the window's first use.
    try:
        count = cache.incr(bucket)
    except ValueError:
        count = _first_use(bucket, window)
    return count <= limit


def _first_use(bucket: str, window: int) -> int:
    if cache.add(bucket, 1, window + 1):
        return 1
    try:  # another worker's first use came in between
        return cache.incr(bucket)
    except ValueError:  # and its window ended meanwhile
        cache.set(bucket, 1, window + 1)
        return 1
