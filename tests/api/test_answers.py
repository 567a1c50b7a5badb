"""Saving answers through the API: the autosave's service, with its versions, validation, deadline
and object rules, so the API allows nothing the pages forbid."""

from django.urls import reverse

from agencies.models import AuditEvent
from surveys.models import Answer
from surveys.services.answers import answer_save


def answer_url(response, code="P1.1"):
    return f"/responses/{response.public_id}/answers/{code}"


def test_an_officer_saves_an_answer_with_a_token(api, token_for, alice, response_a):
    reply = api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    assert reply.status_code == 200 and reply.json()["version"] == 1
    assert Answer.objects.get(response=response_a, question_code="P1.1").value == "approved"


def test_an_answer_saved_through_the_api_shows_in_the_pages_history(
    api, token_for, alice, client, response_a
):
    api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    client.force_login(alice)
    page = client.get(reverse("surveys:answer_history", args=[response_a.public_id, "P1.1"]))
    assert page.status_code == 200 and "Alice" in page.content.decode()
    assert Answer.objects.get(response=response_a).changes.get().changed_by == alice


def test_an_answer_saved_through_the_api_is_audited_with_the_tokens_owner(api, token_for, alice, response_a):
    api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    event = AuditEvent.objects.get(action="answer.change", target_id=str(response_a.pk))
    assert event.actor == alice and event.data["after"] == "approved" and event.data["question"] == "P1.1"


def test_an_answer_saved_through_the_api_shows_on_the_audit_log_page(
    api, token_for, alice, dana, client, response_a
):
    api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    client.force_login(dana)
    page = client.get(reverse("surveys:audit_response", args=[response_a.public_id])).content.decode()
    assert "Alice" in page and "P1.1" in page


def test_a_stale_version_gets_409_with_the_other_value(api, token_for, alice, bob, response_a):
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=bob)
    reply = api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    assert reply.status_code == 409
    assert reply.json()["current"]["value"] == "draft" and reply.json()["current"]["version"] == 1
    assert Answer.objects.get(response=response_a).value == "draft"  # nothing overwritten


def test_the_page_gives_409_on_the_same_stale_save(client, alice, bob, response_a):
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=bob)
    client.force_login(alice)
    url = reverse("surveys:autosave", args=[response_a.public_id, "P1.1"])
    assert (
        client.post(url, {"P1.1": "approved", "version": "0"}, headers={"HX-Request": "true"}).status_code
        == 409
    )


def test_saving_on_the_current_version_succeeds(api, token_for, alice, bob, response_a):
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=bob)
    reply = api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 1})
    assert reply.status_code == 200 and reply.json()["version"] == 2


def test_an_answer_outside_the_choices_gets_422(api, token_for, alice, response_a):
    reply = api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "maybe", "version": 0})
    assert reply.status_code == 422 and reply.json()["errors"]
    assert not Answer.objects.filter(response=response_a).exists()


def test_a_number_below_its_minimum_gets_422(api, token_for, alice, response_a):
    reply = api(token_for(alice, "answer")).put(answer_url(response_a, "P3.1"), {"value": -1, "version": 0})
    assert reply.status_code == 422


def test_a_number_is_saved_as_the_page_saves_it(api, token_for, alice, response_a):
    reply = api(token_for(alice, "answer")).put(answer_url(response_a, "P3.1"), {"value": 7, "version": 0})
    assert reply.status_code == 200 and Answer.objects.get(response=response_a).value == 7


def test_a_read_only_token_cannot_save_an_answer(api, token_for, alice, response_a):
    reply = api(token_for(alice, "read")).put(answer_url(response_a), {"value": "approved", "version": 0})
    assert reply.status_code == 403
    assert not Answer.objects.filter(response=response_a).exists()


def test_an_unknown_question_gets_404(api, token_for, alice, response_a):
    reply = api(token_for(alice, "answer")).put(answer_url(response_a, "NOPE"), {"value": "x", "version": 0})
    assert reply.status_code == 404


def test_nobody_saves_after_the_deadline(api, token_for, alice, response_a, close_cycle):
    close_cycle(response_a.cycle)
    reply = api(token_for(alice, "answer")).put(answer_url(response_a), {"value": "approved", "version": 0})
    assert reply.status_code == 423
    assert not Answer.objects.filter(response=response_a).exists()


def test_a_dga_admin_cannot_answer_for_an_agency(api, token_for, dana, response_a):
    reply = api(token_for(dana, "answer", "admin")).put(
        answer_url(response_a), {"value": "approved", "version": 0}
    )
    assert reply.status_code == 403
