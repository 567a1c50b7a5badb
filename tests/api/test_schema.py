"""Schemathesis drives the API from its served OpenAPI schema, as an officer and as a DGA admin:
no answer is a server error, and every answer (status, content type, headers, body) is one the
schema describes. The real response's id stands in for generated ones, so examples reach data."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import checks

from agencies.services.tokens import token_create
from surveys.services.answers import answer_save

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
HYPOTHESIS = settings(
    max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


def test_the_served_schema_is_valid_openapi_3(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.") and len(document["paths"]) >= 15
    schema.validate()


@pytest.fixture
def real_ids(response_a, alice):
    """The ids examples use, and the database connection kept open between the WSGI requests
    (Django closes it when a request finishes; its test client disconnects that, as here)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=alice)
    yield {"public_id": str(response_a.public_id)}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def call(case, secret: str, real_ids: dict):
    if case.path_parameters and "public_id" in case.path_parameters:
        case.path_parameters["public_id"] = real_ids["public_id"]
    # Schemathesis's WSGI transport does not inflate gzip, which the portal sends whoever asks for
    # it (tests/portal/test_front_end.py); the schema describes the identity body.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)


@pytest.mark.django_db
@override_settings(API_RATE_PER_TOKEN="100000/m", API_RATE_PER_ADDRESS="100000/m")
@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_schema_for_an_officer(case, alice, real_ids):
    secret = token_create(user=alice, name="st", scopes=["read", "answer"], days=1)[1]
    call(case, secret, real_ids)


@pytest.mark.django_db
@override_settings(API_RATE_PER_TOKEN="100000/m", API_RATE_PER_ADDRESS="100000/m")
@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_schema_for_a_dga_admin(case, dana, real_ids):
    secret = token_create(user=dana, name="st", scopes=["read", "answer", "admin"], days=1)[1]
    call(case, secret, real_ids)
