"""The respondent's pages: who may see them and what they do."""

from django.urls import reverse

from surveys.models import ResponseStatus


def url(response, name="surveys:response", **kwargs):
    return reverse(name, kwargs={"public_id": response.public_id, **kwargs})


def test_it_shows_the_officer_their_agencys_response(client, alice, response_a):
    client.force_login(alice)
    page = client.get(url(response_a))
    assert page.status_code == 200
    assert response_a.agency.name_th in page.content.decode()


def test_an_officer_of_another_agency_gets_404(client, charlie, response_a):
    client.force_login(charlie)
    assert client.get(url(response_a)).status_code == 404
    assert client.get(url(response_a, "surveys:pillar", pillar_code="P1")).status_code == 404
    assert client.post(url(response_a, "surveys:action", action="request_approval")).status_code == 404


def test_it_requires_sign_in(client, response_a):
    page = client.get(url(response_a))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))


def test_the_my_survey_page_lists_only_own_agencies(client, alice, response_a, response_b):
    client.force_login(alice)
    body = client.get(reverse("surveys:my_responses")).content.decode()
    assert str(response_a.public_id) in body
    assert str(response_b.public_id) not in body


def test_actions_refuse_get(client, alice, response_a):
    client.force_login(alice)
    assert client.get(url(response_a, "surveys:action", action="request_approval")).status_code == 405


def test_the_officer_cannot_approve(client, alice, response_a, post_answers):
    client.force_login(alice)
    post_answers(response_a, P1_1="draft")
    client.post(url(response_a, "surveys:action", action="request_approval"))
    assert client.post(url(response_a, "surveys:action", action="approve")).status_code == 403


def test_the_approver_submits_from_the_page(client, alice, bob, response_a, post_answers):
    client.force_login(alice)
    post_answers(response_a, P1_1="approved", P1_2="yes")
    client.post(url(response_a, "surveys:action", action="request_approval"))
    client.force_login(bob)
    page = client.post(
        url(response_a, "surveys:action", action="approve"), {"declaration": "on"}, follow=True
    )
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED
    assert response_a.get_status_display() in page.content.decode()


def test_sending_back_without_a_comment_is_refused_with_a_message(
    client, alice, bob, response_a, post_answers
):
    client.force_login(alice)
    post_answers(response_a, P1_1="draft")
    client.post(url(response_a, "surveys:action", action="request_approval"))
    client.force_login(bob)
    page = client.post(url(response_a, "surveys:action", action="send_back"), {"comment": ""}, follow=True)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.AWAITING_APPROVAL
    assert 'role="alert"' in page.content.decode()


def test_a_signed_in_officer_lands_on_their_survey(client, alice, sign_in_form):
    assert sign_in_form(alice.email).status_code == 302
    assert client.get("/")["Location"] == reverse("surveys:my_responses")


def test_the_response_page_hides_the_score_from_officers_until_the_cycle_shows_it(client, alice, scored_a):
    client.force_login(alice)
    page = client.get(reverse("surveys:response", kwargs={"public_id": scored_a.public_id}))
    assert page.context["card"] is None and "data-total" not in page.content.decode()
