"""The pages' object rules, through the API: an officer's token reaches only their agency."""

import pytest

from surveys.models import Answer


@pytest.mark.parametrize("path", ["", "/answers", "/evidence", "/score"])
def test_an_officers_token_gets_404_on_another_agencys_response(api, token_for, charlie, response_a, path):
    assert api(token_for(charlie, "read")).get(f"/responses/{response_a.public_id}{path}").status_code == 404


def test_an_officers_token_cannot_write_another_agencys_answers(api, token_for, charlie, response_a):
    reply = api(token_for(charlie, "answer")).put(
        f"/responses/{response_a.public_id}/answers/P1.1", {"value": "approved", "version": 0}
    )
    assert reply.status_code == 404 and not Answer.objects.exists()


def test_an_officer_lists_only_their_agencys_responses(api, token_for, charlie, response_a, response_b):
    ids = [r["id"] for r in api(token_for(charlie, "read")).get("/responses").json()["results"]]
    assert ids == [str(response_b.public_id)]


def test_a_dga_admins_token_without_the_admin_scope_sees_no_agency(api, token_for, dana, response_a):
    assert api(token_for(dana, "read")).get(f"/responses/{response_a.public_id}").status_code == 404


def test_a_dga_admins_token_with_the_admin_scope_sees_every_agency(
    api, token_for, dana, response_a, response_b
):
    reply = api(token_for(dana, "read", "admin")).get("/responses")
    assert {r["agency"] for r in reply.json()["results"]} == {response_a.agency.code, response_b.agency.code}


def test_an_officer_may_not_give_a_token_the_admin_scope(token_for, alice):
    with pytest.raises(ValueError):
        token_for(alice, "read", "admin")


def test_the_agency_registry_needs_the_admin_scope(api, token_for, erin, alice):
    assert api(token_for(alice, "read")).get("/agencies").status_code == 403
    assert api(token_for(erin, "read")).get("/agencies").status_code == 403
    assert api(token_for(erin, "read", "admin")).get("/agencies").status_code == 200


def test_score_cards_follow_the_cycles_visibility(api, token_for, alice, response_a):
    assert api(token_for(alice, "read")).get(f"/responses/{response_a.public_id}/score").status_code == 403
