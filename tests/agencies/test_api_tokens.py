"""The API tokens page: a person creates a token (its secret shown once), lists and revokes theirs."""

import re

from django.urls import reverse

from agencies.models import ApiToken, AuditEvent
from agencies.services.tokens import digest_of


def create(client, **data):
    return client.post(
        reverse("agencies:api_tokens"), {"name": "sync", "scopes": ["read"], "days": 30, **data}
    )


def test_a_new_tokens_secret_is_shown_once_and_only_its_digest_kept(client, alice):
    client.force_login(alice)
    page = create(client).content.decode()
    secret = re.search(r'id="new-token">([^<]+)<', page).group(1)
    token = ApiToken.objects.get(user=alice)
    assert token.digest == digest_of(secret) and token.scopes == ["read"]
    assert secret not in client.get(reverse("agencies:api_tokens")).content.decode()


def test_the_page_is_never_cached(client, alice):
    client.force_login(alice)
    assert "no-store" in create(client)["Cache-Control"].split(", ")


def test_creating_a_token_is_audited(client, alice):
    client.force_login(alice)
    create(client)
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor == alice and event.data["after"]["scopes"] == ["read"]


def test_an_officer_is_not_offered_the_admin_scope(client, alice):
    client.force_login(alice)
    create(client, scopes=["read", "admin"])
    assert not ApiToken.objects.exists()


def test_a_dga_admin_may_give_the_admin_scope(client, dana):
    client.force_login(dana)
    create(client, scopes=["read", "admin"])
    assert ApiToken.objects.get(user=dana).scopes == ["admin", "read"]


def test_revoking_a_token_is_audited_and_stops_it(client, alice):
    client.force_login(alice)
    create(client)
    token = ApiToken.objects.get(user=alice)
    assert client.post(reverse("agencies:api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=alice).count() == 1


def test_nobody_revokes_another_persons_token(client, alice, charlie):
    client.force_login(alice)
    create(client)
    client.force_login(charlie)
    token = ApiToken.objects.get(user=alice)
    assert client.post(reverse("agencies:api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_names_scopes_in_words(client, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    create(client)
    page = client.get(reverse("agencies:api_tokens")).content.decode()
    assert "<td>Read</td>" in page and "<td>read</td>" not in page
