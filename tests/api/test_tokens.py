"""Who the API lets in: a live token of an active person; a revoked, expired or unknown one is 401."""

from datetime import timedelta

from django.utils import timezone

from agencies.models import ApiToken
from agencies.services.tokens import token_revoke


def test_a_live_token_reads_its_owners_response(api, token_for, alice, response_a):
    reply = api(token_for(alice, "read")).get(f"/responses/{response_a.public_id}")
    assert reply.status_code == 200 and reply.json()["agency"] == response_a.agency.code


def test_a_revoked_token_gets_401(api, token_for, alice, response_a):
    secret = token_for(alice, "read")
    token_revoke(token=ApiToken.objects.get(user=alice), by=alice)
    assert api(secret).get(f"/responses/{response_a.public_id}").status_code == 401


def test_an_expired_token_gets_401(api, token_for, alice, response_a):
    secret = token_for(alice, "read")
    ApiToken.objects.filter(user=alice).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api(secret).get(f"/responses/{response_a.public_id}").status_code == 401


def test_an_unknown_token_gets_401(api, response_a):
    assert api("rp_not-a-token").get(f"/responses/{response_a.public_id}").status_code == 401


def test_no_token_gets_401(api, response_a):
    assert api(None).get(f"/responses/{response_a.public_id}").status_code == 401


def test_the_token_of_a_deactivated_person_gets_401(api, token_for, alice, response_a):
    secret = token_for(alice, "read")
    alice.is_active = False
    alice.save()
    assert api(secret).get(f"/responses/{response_a.public_id}").status_code == 401


def test_only_the_secrets_digest_is_stored(token_for, alice):
    secret = token_for(alice, "read")
    token = ApiToken.objects.get(user=alice)
    assert secret not in (token.digest, token.prefix) and len(token.digest) == 64
    assert secret.startswith(token.prefix)


def test_using_a_token_records_when_it_was_last_used(api, token_for, alice, response_a):
    api(token_for(alice, "read")).get(f"/responses/{response_a.public_id}")
    assert ApiToken.objects.get(user=alice).last_used_at is not None
