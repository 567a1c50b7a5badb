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
    cache.add(bucket, 0, window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window + 1)
        count = 1
    return count <= limit
