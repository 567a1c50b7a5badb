"""Site-wide limits on what a request may carry and what a reply may leave behind: NUL bytes,
signed-in pages kept by no cache, health details for admins and the machine itself."""

import pytest
from django.urls import reverse

from tests.security.urls import path_of, portal_routes


def _get_paths(world) -> list[str]:
    return [path_of(r, world.url_values()) for r in portal_routes()]


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "%00=1", "page=%00", "year=2566%00"])
def test_a_nul_byte_in_the_query_string_is_a_400_everywhere(client, world, query):
    client.force_login(world.users["dga_admin"])
    for path in _get_paths(world):
        assert client.get(f"{path}?{query}").status_code in (400, 405), path


def test_a_nul_byte_in_the_path_is_a_400(client, alice, response_a):
    client.force_login(alice)
    path = reverse("surveys:answer_history", args=[response_a.public_id, "P1.1"]).replace("P1.1", "P1%00")
    assert client.get(path).status_code == 400


def test_a_nul_byte_in_an_api_address_is_a_json_400_as_the_api_schema_documents(client, db):
    reply = client.get("/api/v1/agencies?ministry=%00")
    assert reply.status_code == 400 and reply["Content-Type"] == "application/json"
    assert reply.json() == {"detail": "NUL byte in the address"}


def test_every_signed_in_page_is_kept_by_no_cache(client, world):
    client.force_login(world.users["dga_admin"])
    for path in _get_paths(world):
        reply = client.get(path)
        if reply.status_code < 300:
            assert "no-store" in reply.get("Cache-Control", ""), path


def test_healthz_tells_an_outsider_only_that_the_portal_is_alive(client, db):
    page = client.get("/healthz", REMOTE_ADDR="203.0.113.7")
    assert (page.status_code, page.json()) == (200, {"status": "ok"})


def test_healthz_tells_a_dga_admin_the_database_and_broker_state(client, dana):
    client.force_login(dana)
    body = client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()
    assert body["database"] == "ok" and "broker" in body


def test_healthz_tells_an_officer_no_more_than_an_outsider(client, alice):
    client.force_login(alice)
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.7").json() == {"status": "ok"}


def test_signing_out_tells_the_browser_to_clear_what_the_site_kept(client, alice):
    client.force_login(alice)
    reply = client.post(reverse("logout"))
    assert reply.status_code == 302
    assert '"storage"' in reply["Clear-Site-Data"]
