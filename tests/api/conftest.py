"""Calling the API as a machine client does: a personal token in the Authorization header."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from agencies.services.tokens import token_create


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no request counted against any token or address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for():
    """A new token's secret for the person, with the scopes given (read, answer, admin)."""

    def _token_for(user, *scopes: str, days: int = 30) -> str:
        return token_create(user=user, name="test", scopes=scopes or ("read", "answer"), days=days)[1]

    return _token_for


class ApiClient:
    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **headers):
        return self.client.get(f"/api/v1{path}", headers={**self.headers, **headers})

    def put(self, path: str, body: dict):
        return self.client.put(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )

    def post_file(self, path: str, upload):
        return self.client.post(f"/api/v1{path}", {"file": upload}, headers=self.headers)


@pytest.fixture
def api():
    """An API client holding the given token's secret (or none)."""
    return ApiClient
