"""Benchmarks run on PostgreSQL (DATABASE_URL), like production; `make bench` runs them."""

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgresql(db):
    assert connection.vendor == "postgresql", "benchmarks measure PostgreSQL: set DATABASE_URL"
