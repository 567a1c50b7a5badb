"""The evaluator's preliminary ranking."""

from django.urls import reverse

from surveys import services
from tests.factories import AgencyFactory, MembershipFactory, ResponseFactory


def test_the_evaluator_sees_a_scored_agency_ranked(
    client, erin, alice, bob, response_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.answers_save(response=response_a, values={"P1.1": "approved", "P1.2": "yes"}, by=alice)
        services.response_transition(response=response_a, action="request_approval", by=alice)
        services.response_transition(response=response_a, action="approve", by=bob)
    client.force_login(erin)
    body = client.get(reverse("awards:rankings")).content.decode()
    assert f'data-agency="{response_a.agency.code}"' in body


def test_a_draft_is_not_ranked(client, erin, cycle, django_capture_on_commit_callbacks):
    agency = AgencyFactory()
    response = ResponseFactory(cycle=cycle, agency=agency)
    officer = MembershipFactory(agency=agency).user
    services.answers_save(response=response, values={"P1.1": "approved"}, by=officer)
    client.force_login(erin)
    assert f'data-agency="{agency.code}"' not in client.get(reverse("awards:rankings")).content.decode()


def test_officers_cannot_see_rankings(client, alice):
    client.force_login(alice)
    assert client.get(reverse("awards:rankings")).status_code == 403
