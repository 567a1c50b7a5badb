"""When the database is unreachable mid-request the visitor gets a clear 503 with Retry-After,
never a traceback; other failures get the portal's 500 page."""

import pytest
from django.db import InterfaceError, OperationalError

from surveys.views import respondent


@pytest.fixture
def failing(client, alice, monkeypatch):
    client.force_login(alice)
    client.raise_request_exception = False

    def fail_with(exc):
        def boom(**kwargs):
            raise exc

        monkeypatch.setattr(respondent, "responses_for_member", boom)
        return client.get("/responses/")

    return fail_with


@pytest.mark.parametrize("error", [OperationalError("server closed"), InterfaceError("closed")])
def test_a_database_failure_is_a_503_to_retry(failing, error, settings):
    reply = failing(error)
    assert reply.status_code == 503
    assert reply["Retry-After"] == str(settings.RETRY_AFTER_SECONDS)
    body = reply.content.decode()
    assert "Traceback" not in body and "closed" not in body


def test_any_other_failure_is_the_portals_500_page(failing):
    reply = failing(ValueError("a bug"))
    assert reply.status_code == 500
    assert "Traceback" not in reply.content.decode() and "a bug" not in reply.content.decode()
