"""CSRF: a POST without the token is refused on every URL of the portal and of the admin."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.test_authorisation_matrix import MATRIX, allowed, post_data, url_for
from tests.security.urls import admin_routes, path_of


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("key", sorted(MATRIX))
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
