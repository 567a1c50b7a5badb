"""Deactivating a person ends every session they have."""

from django.urls import reverse

from agencies.models import UserSession


def test_deactivating_an_officer_signs_them_out_everywhere(client, alice, response_a):
    client.force_login(alice)
    assert UserSession.objects.filter(user=alice).exists()
    alice.is_active = False
    alice.save()
    assert not UserSession.objects.filter(user=alice).exists()
    alice.is_active = True
    alice.save()  # reactivation does not revive the old session
    page = client.get(reverse("surveys:my_responses"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))


def test_other_peoples_sessions_survive(client, alice, bob):
    client.force_login(bob)
    alice.is_active = False
    alice.save()
    assert UserSession.objects.filter(user=bob).exists()


def _signed_in_through_the_cache(client, settings, person):
    settings.SESSION_ENGINE = "agencies.cached_sessions"
    client.force_login(person)
    assert client.get(reverse("surveys:my_responses")).status_code == 200  # now in the cache too


def test_a_session_row_deleted_by_hand_ends_the_session_the_cache_held(client, settings, alice):
    _signed_in_through_the_cache(client, settings, alice)
    UserSession.objects.filter(user=alice).delete()
    assert client.get(reverse("surveys:my_responses"))["Location"].startswith(reverse("login"))


def test_one_session_deleted_ends_it_in_the_cache_too(client, settings, alice):
    _signed_in_through_the_cache(client, settings, alice)
    UserSession.objects.get(user=alice).delete()
    assert client.get(reverse("surveys:my_responses"))["Location"].startswith(reverse("login"))
