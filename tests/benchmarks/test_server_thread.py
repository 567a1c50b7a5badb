"""benchmarks.server_thread: a benchmark's requests on a thread of their own, as a server's."""

import threading

import pytest

from agencies.models import Agency
from benchmarks.server_thread import on_a_server_thread
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_call_runs_on_another_thread_and_hands_its_result_back():
    assert on_a_server_thread(lambda: threading.current_thread().name) == "request"


def test_the_call_sees_what_the_test_made_inside_its_transaction():
    made = AgencyFactory(code="UNCOMMITTED")
    assert on_a_server_thread(lambda: Agency.objects.get(code="UNCOMMITTED").pk) == made.pk


def test_the_calls_exception_is_raised_in_the_caller():
    def fails():
        raise LookupError("gone")

    with pytest.raises(LookupError, match="gone"):
        on_a_server_thread(fails)
