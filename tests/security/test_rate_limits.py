"""Rate limits and bounded pages: autosave, password reset e-mails, the answer history."""

from django.core import mail
from django.urls import reverse

from surveys.models import Answer, AnswerChange

HTMX = {"HTTP_HX_REQUEST": "true"}


def _autosave(client, response, value, version):
    path = reverse("surveys:autosave", args=[response.public_id, "G.1"])
    return client.post(path, {"G.1": value, "version": version}, **HTMX)


def test_autosave_beyond_its_rate_is_refused_with_429(client, alice, response_a, settings):
    settings.AUTOSAVE_MAX_PER_MINUTE = 5
    client.force_login(alice)
    replies = [_autosave(client, response_a, f"v{i}", i).status_code for i in range(7)]
    assert replies == [200] * 5 + [429, 429]
    assert Answer.objects.get(response=response_a, question_code="G.1").version == 5


def test_the_autosave_rate_is_counted_per_person(client, alice, bob, response_a, settings):
    settings.AUTOSAVE_MAX_PER_MINUTE = 2
    client.force_login(alice)
    for i in range(3):
        _autosave(client, response_a, f"a{i}", i)
    client.force_login(bob)
    assert _autosave(client, response_a, "b", 2).status_code == 200


def test_the_answer_history_is_paginated(client, alice, response_a, settings):
    settings.AUTOSAVE_MAX_PER_MINUTE = 10_000
    answer = Answer.objects.create(response=response_a, question_code="G.1", value="x", updated_by=alice)
    AnswerChange.objects.bulk_create(
        AnswerChange(answer=answer, version=v, old_value="x" * 1000, new_value="y" * 1000, changed_by=alice)
        for v in range(1, 1001)
    )
    client.force_login(alice)
    path = reverse("surveys:answer_history", args=[response_a.public_id, "G.1"])
    body = client.get(path).content.decode()
    assert body.count("data-version=") == 50
    assert 'data-version="1000"' in body and "page=2" in body
    assert len(body) < 300_000
    assert 'data-version="1"' in client.get(path, {"page": 20}).content.decode()


def test_password_reset_sends_at_most_its_limit_of_emails_to_one_address(client, alice, settings):
    settings.PASSWORD_RESET_MAX_PER_HOUR = 3
    for _ in range(20):
        page = client.post(reverse("password_reset"), {"email": alice.email})
        assert page.status_code == 302  # the same answer every time: nothing to learn
    assert len(mail.outbox) == 3


def test_password_reset_counts_lookalike_spellings_of_one_address_together(client, alice, settings):
    settings.PASSWORD_RESET_MAX_PER_HOUR = 2
    for email in (alice.email, alice.email.upper(), f" {alice.email} "):
        client.post(reverse("password_reset"), {"email": email})
    assert len(mail.outbox) == 2
