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
