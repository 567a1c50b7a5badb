"""One answer saved at a time, with a version: nobody overwrites anybody."""

import pytest
from django.urls import reverse

from surveys.models import AnswerChange, ResponseStatus
from surveys.services.answers import StaleAnswer, answer_save

HTMX = {"HTTP_HX_REQUEST": "true"}


def autosave(client, response, code, value, version=0):
    path = reverse("surveys:autosave", args=[response.public_id, code])
    return client.post(path, {code: value, "version": version}, **HTMX)


def test_it_saves_one_answer_and_says_when(client, alice, response_a):
    client.force_login(alice)
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 200
    assert 'data-state="saved"' in page.content.decode()
    assert response_a.answers.get(question_code="P1.1").value == "draft"


def test_the_reply_carries_the_new_version_for_the_next_save(client, alice, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    page = autosave(client, response_a, "P1.1", "approved", version=1)
    assert 'name="version" value="2"' in page.content.decode()


def test_a_save_on_a_stale_version_is_refused_with_the_other_persons_value(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    page = autosave(client, response_a, "P1.1", "approved", version=0)
    body = page.content.decode()
    assert page.status_code == 409
    assert "Alice" in body and "ร่าง" in body
    assert response_a.answers.get(question_code="P1.1").value == "draft"


def test_the_stale_reply_offers_the_current_version_to_save_over_it_on_purpose(
    client, alice, bob, response_a
):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    assert 'name="version" value="1"' in autosave(client, response_a, "P1.1", "approved").content.decode()
    assert autosave(client, response_a, "P1.1", "approved", version=1).status_code == 200
    assert response_a.answers.get(question_code="P1.1").value == "approved"


def test_saving_the_value_already_there_succeeds_on_any_version(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    assert autosave(client, response_a, "P1.1", "draft", version=0).status_code == 200
    assert AnswerChange.objects.filter(answer__response=response_a).count() == 1


def test_two_first_answers_at_once_keep_the_first(alice, bob, response_a):
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=alice)
    with pytest.raises(StaleAnswer) as caught:
        answer_save(response=response_a, question_code="P1.1", value="none", base_version=0, by=bob)
    assert (caught.value.current.value, caught.value.current.updated_by) == ("draft", alice)


def test_an_invalid_value_is_refused_with_the_reason(client, alice, response_a):
    client.force_login(alice)
    page = autosave(client, response_a, "P3.1", "-4")
    assert page.status_code == 422
    assert 'data-state="invalid"' in page.content.decode()
    assert not response_a.answers.exists()


def test_an_ended_session_gets_401_and_nothing_changes(client, response_a):
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 401
    assert 'data-state="session"' in page.content.decode()


def test_an_officer_of_another_agency_gets_404(client, charlie, response_a):
    client.force_login(charlie)
    assert autosave(client, response_a, "P1.1", "draft").status_code == 404


def test_a_locked_response_refuses_saves_and_says_why(client, alice, response_a):
    response_a.status = ResponseStatus.AWAITING_APPROVAL
    response_a.save()
    client.force_login(alice)
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 423
    assert 'data-state="error"' in page.content.decode()


def test_the_pillar_page_shows_who_changed_each_answer_last(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    autosave(client, response_a, "P1.1", "approved", version=1)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert "Bob" in body


def test_the_history_of_an_answer_lists_every_change(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    autosave(client, response_a, "P1.1", "approved", version=1)
    page = client.get(reverse("surveys:answer_history", args=[response_a.public_id, "P1.1"]))
    body = page.content.decode()
    assert body.count("data-version=") == 2
    assert "Alice" in body and "Bob" in body


def test_keepalive_answers_204_signed_in_and_401_after(client, alice):
    assert client.post(reverse("surveys:keepalive")).status_code == 401
    client.force_login(alice)
    assert client.post(reverse("surveys:keepalive")).status_code == 204


def test_the_pillar_page_warns_before_the_session_ends(client, alice, response_a, settings):
    settings.SESSION_COOKIE_AGE, settings.SESSION_WARNING_SECONDS = 600, 120
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert 'data-session-seconds="600"' in body and 'data-session-warning="120"' in body
