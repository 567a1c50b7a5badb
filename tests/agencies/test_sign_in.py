"""Signing in: case-insensitive e-mail, lockout after repeated failures, session limits."""

import time

from axes.models import AccessAttempt, AccessFailureLog
from django.test import override_settings
from django.urls import reverse


def test_the_email_is_matched_without_case(client, alice, sign_in_form):
    assert sign_in_form(alice.email.upper()).status_code == 302
    assert client.get(reverse("surveys:my_responses")).status_code == 200


def test_repeated_failures_lock_the_sign_in_and_are_logged(client, alice, sign_in_form, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_form(alice.email, "wrong-password")
    locked = sign_in_form(alice.email)  # even the right password is refused now
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    logged = AccessFailureLog.objects.filter(username=alice.email.lower()).order_by("attempt_time")
    # every failure is logged, and so is the attempt refused while locked out
    expected = [False] * (settings.AXES_FAILURE_LIMIT - 1) + [True, True]
    assert [entry.locked_out for entry in logged] == expected
    attempt = AccessAttempt.objects.get(username=alice.email.lower())
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_a_success_before_the_limit_resets_the_count(client, alice, sign_in_form, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in_form(alice.email, "wrong-password")
    assert sign_in_form(alice.email).status_code == 302
    client.logout()
    sign_in_form(alice.email, "wrong-password")
    assert sign_in_form(alice.email).status_code == 302


def test_a_session_idle_past_its_limit_is_over(client, alice, sign_in_form):
    with override_settings(SESSION_COOKIE_AGE=1):
        sign_in_form(alice.email)
        time.sleep(2.1)
        page = client.get(reverse("surveys:my_responses"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(client, alice, sign_in_form, monkeypatch):
    sign_in_form(alice.email)
    assert client.get(reverse("surveys:my_responses")).status_code == 200
    later = time.time() + 12 * 60 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    page = client.get(reverse("surveys:my_responses"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))
