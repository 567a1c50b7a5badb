"""One national year for the whole module, committed (worker processes read it too)."""

import pytest

from benchmarks.national import data


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        built = data.build()
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
