"""Four eyes hold on every route that returns or accepts a response: the response page's action
buttons (/responses/<id>/actions/<action>/) go through the same service as the review page, so
an adjusted response is returned or accepted only once a second reviewer confirms it."""

import pytest
from django.urls import reverse

from surveys.models import ProposalKind, ProposalState, ResponseStatus, ReviewProposal, ScoreAdjustment
from surveys.services.answers import answers_save
from surveys.services.transitions import response_transition


@pytest.fixture
def adjusted(response_a, alice, bob, dana, submit, django_capture_on_commit_callbacks):
    """A response under review whose score DGA adjusted."""
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=response_a, values={"G.1": "A", "P1.1": "approved", "P1.2": "yes"}, by=alice)
        submit(response_a, officer=alice, approver=bob)
        response_transition(response=response_a, action="start_review", by=dana)
    ScoreAdjustment.objects.create(
        response=response_a, question_code="P1.2", score=0.5, reason="acting CIO", by=dana
    )
    return response_a


def act(client, response, action, comment=""):
    path = reverse("surveys:action", kwargs={"public_id": response.public_id, "action": action})
    return client.post(path, {"comment": comment})


@pytest.mark.parametrize("action", [ProposalKind.ACCEPT, ProposalKind.RETURN])
def test_the_response_pages_accept_and_return_of_an_adjusted_response_wait_for_a_second_reviewer(
    client, adjusted, dana, action
):
    client.force_login(dana)
    assert act(client, adjusted, action, comment="please check P1.2").status_code == 302
    adjusted.refresh_from_db()
    assert adjusted.status == ResponseStatus.UNDER_REVIEW
    proposal = ReviewProposal.objects.get(response=adjusted)
    assert (proposal.kind, proposal.state, proposal.proposed_by) == (action, ProposalState.PENDING, dana)


def test_the_response_page_accepts_an_unadjusted_response_at_once(client, adjusted, dana):
    ScoreAdjustment.objects.all().delete()
    client.force_login(dana)
    act(client, adjusted, "accept")
    adjusted.refresh_from_db()
    assert adjusted.status == ResponseStatus.ACCEPTED and not ReviewProposal.objects.exists()
