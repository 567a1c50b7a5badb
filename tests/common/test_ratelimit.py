"""common.ratelimit: a fixed window counted on the shared cache, whichever worker counts."""

from django.core.cache import cache

from common import ratelimit
from common.ratelimit import within_rate

# The cache starts empty in every test (tests/conftest.py).


def test_a_key_is_admitted_its_limit_of_times_in_a_window_then_refused():
    assert [within_rate("k", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_each_key_is_counted_on_its_own():
    assert within_rate("a", 1, 60) and within_rate("b", 1, 60)
    assert not within_rate("a", 1, 60)


def test_the_count_starts_again_in_the_next_window(monkeypatch):
    monkeypatch.setattr(ratelimit.time, "time", lambda: 600.0)
    assert within_rate("k", 1, 60) and not within_rate("k", 1, 60)
    monkeypatch.setattr(ratelimit.time, "time", lambda: 660.0)
    assert within_rate("k", 1, 60)


def test_a_first_use_that_another_worker_counted_first_is_counted_after_it(monkeypatch):
    assert within_rate("k", 1, 60)  # the other worker's use: the window's key exists
    real_incr, calls = cache.incr, []

    def missing_once(key, delta=1):  # our worker found no key, before the other one added it
        calls.append(key)
        if len(calls) == 1:
            raise ValueError(key)
        return real_incr(key, delta)

    monkeypatch.setattr(cache, "incr", missing_once)
    assert not within_rate("k", 1, 60)  # counted second: over a limit of one
    assert len(calls) == 2
