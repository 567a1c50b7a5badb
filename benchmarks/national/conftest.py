"""One national year for the whole module, committed (worker processes read it too)."""

import gc
import time

import pytest

from benchmarks.national import data


def _calibration() -> float:
    """Seconds for 10⁷ integer additions in Python: ~0.3–0.5 s on an idle core of this class;
    more means the machine is shared and every figure below is slowed as much."""
    started, total = time.perf_counter(), 0
    for i in range(10**7):
        total += i
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    print(f"\ncalibration: 10^7 Python additions in {_calibration():.2f} s (idle core: ~0.4 s)")
    with django_db_blocker.unblock():
        built = data.build()
    # What building the year left in this process (tens of thousands of models the test session
    # holds) is no server's: out of the collector's way, as gc.freeze() is meant for, so that a
    # request's collections walk what a server's would.
    gc.collect()
    gc.freeze()
    print(
        f"\nnational data: {built.agencies} agencies, {data.OFFICERS} officers, one cycle, "
        f"{built.agencies} responses with score cards built in {built.seconds:.1f} s"
    )
    return built


@pytest.fixture(scope="module")
def answered(year, django_db_blocker):
    with django_db_blocker.unblock():
        seconds = data.answers_add(year)
    print(f"\nnational data: {year.agencies} × 150 answers added in {seconds:.1f} s")
    return year
