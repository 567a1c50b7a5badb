"""Rate limits: per token (60 a minute by default) and per client address, 429 with Retry-After."""

from django.test import override_settings


def test_the_61st_request_in_a_minute_from_one_token_gets_429(api, token_for, alice):
    client = api(token_for(alice, "read"))
    statuses = [client.get("/cycles").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429


def test_a_limited_request_says_when_to_retry(api, token_for, alice):
    client = api(token_for(alice, "read"))
    for _ in range(60):
        client.get("/cycles")
    reply = client.get("/cycles")
    assert reply.status_code == 429 and 1 <= int(reply["Retry-After"]) <= 60


def test_another_token_of_the_same_address_has_its_own_count(api, token_for, alice, bob):
    first = api(token_for(alice, "read"))
    for _ in range(61):
        first.get("/cycles")
    assert api(token_for(bob, "read")).get("/cycles").status_code == 200


@override_settings(API_RATE_PER_ADDRESS="3/m")
def test_one_address_is_limited_whatever_it_calls_with(api, token_for, alice, bob):
    api(token_for(alice, "read")).get("/cycles")
    api(None).get("/open-data/catalogue.json")
    api(token_for(bob, "read")).get("/cycles")
    assert api(None).get("/open-data/catalogue.json").status_code == 429


@override_settings(API_RATE_PER_TOKEN="2/m")
def test_the_limits_come_from_the_settings(api, token_for, alice):
    client = api(token_for(alice, "read"))
    assert [client.get("/cycles").status_code for _ in range(3)] == [200, 200, 429]


def test_a_broken_cache_lets_requests_through_uncounted(api, token_for, alice, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("django.core.cache.cache.get", broken)
    assert api(token_for(alice, "read")).get("/cycles").status_code == 200
