"""CSRF: a POST without the token is refused on every URL of the portal and of the admin."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.security.test_authorisation_matrix import MATRIX, allowed, post_data, url_for
from tests.security.urls import admin_routes, path_of


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("key", sorted(k for k in MATRIX if not k.startswith("api:")))
def test_a_post_without_the_token_is_refused(world, key):
    url = url_for(world, key)
    roles = allowed(MATRIX[key]) or ["dga_admin"]
    for role in ["anonymous", *roles]:
        reply = csrf_client(world.users[role]).post(url, post_data(world, key))
        assert reply.status_code == 403, f"{role} POST {url}"
        assert "403_csrf.html" in [t.name for t in reply.templates], f"{role} POST {url}"


def test_the_admin_refuses_a_post_without_the_token(world):
    staff = world.users["dga_admin"]
    staff.is_staff = staff.is_superuser = True
    staff.save()
    pages = [r for r in admin_routes() if not r.params and "(" not in r.route]
    for route in pages:
        reply = csrf_client(staff).post(path_of(route, {}), {})
        assert reply.status_code == 403, route.route


def test_the_same_post_with_the_token_goes_through(world):
    client = csrf_client(world.users["officer_a"])
    client.get(url_for(world, "surveys:pillar"))  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    data = {**post_data(world, "surveys:autosave"), "csrfmiddlewaretoken": token}
    reply = client.post(url_for(world, "surveys:autosave"), data)
    assert reply.status_code == 302
    assert world.response.answers.get(question_code="P1.1").value == "approved"


# The API: a bearer token is no ambient credential (a page elsewhere cannot make the browser send
# it), so it needs no CSRF token; the browser's session does, on every write.
API_WRITES = sorted(k for k, row in MATRIX.items() if k.startswith("api:") and row[0] in ("POST", "PUT"))


@pytest.mark.parametrize("key", API_WRITES)
def test_an_api_write_with_the_session_but_without_the_csrf_token_is_refused(world, key):
    url, data = url_for(world, key), post_data(world, key)
    client = csrf_client(world.users["officer_a"])
    if MATRIX[key][0] == "PUT":
        reply = client.put(url, json.dumps(data), content_type="application/json")
    else:
        reply = client.post(url, data)
    assert reply.status_code == 403 and "CSRF" in reply.json()["detail"]


@pytest.mark.parametrize(
    "key", sorted(k for k, row in MATRIX.items() if k.startswith("api:") and row[0] == "GET")
)
def test_the_apis_reads_refuse_a_post(world, key):
    """405 (the method is not allowed), or Django's CSRF refusal (403) for the API's root and docs."""
    assert csrf_client(world.users["officer_a"]).post(url_for(world, key), {}).status_code in (403, 405)
