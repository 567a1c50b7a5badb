"""DGA's review list."""

from django.urls import reverse

from surveys.models import ScoreCard
from surveys.services.answers import answers_save
from surveys.services.transitions import response_transition


def submit(response, officer, approver):
    answers_save(response=response, values={"P1.1": "approved", "P1.2": "no", "P3.1": 12}, by=officer)
    response_transition(response=response, action="request_approval", by=officer)
    response_transition(response=response, action="approve", by=approver)


def test_the_admin_sees_a_submitted_response_with_its_score(
    client, dana, alice, bob, response_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(response_a, alice, bob)
    client.force_login(dana)
    body = client.get(reverse("surveys:review")).content.decode()
    total = ScoreCard.objects.get(response=response_a).total
    assert response_a.agency.name_th in body
    assert f'data-total="{total}"' in body


def test_drafts_are_not_in_the_review_list(client, dana, alice, response_a):
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    assert response_a.agency.name_th not in client.get(reverse("surveys:review")).content.decode()


def test_officers_cannot_open_the_review_list(client, alice):
    client.force_login(alice)
    assert client.get(reverse("surveys:review")).status_code == 403
