"""Benchmarks run on PostgreSQL (DATABASE_URL), like production; `make bench` runs them."""

import pytest
from django.db import connection
from django.template.base import Template


@pytest.fixture(autouse=True)
def _postgresql():
    assert connection.vendor == "postgresql", "benchmarks measure PostgreSQL: set DATABASE_URL"


def _render(self, context):
    return self.nodelist.render(context)


@pytest.fixture(autouse=True)
def _production_rendering(monkeypatch):
    """pytest-django instruments every template render for assertions; a server does not."""
    monkeypatch.setattr(Template, "_render", _render)
