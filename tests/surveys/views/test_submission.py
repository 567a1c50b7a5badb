"""Deliberate submission: the check page separates what blocks from what only warns; the
approver confirms a declaration; the officer may withdraw a request."""

from django.urls import reverse

from surveys.models import ResponseStatus, SubmissionReceipt


def check_url(response):
    return reverse("surveys:check", args=[response.public_id])


def action_url(response, action):
    return reverse("surveys:action", args=[response.public_id, action])


def test_missing_evidence_is_a_warning_and_approval_may_still_be_requested(
    client, evidence_response, alice, post_answers
):
    client.force_login(alice)
    post_answers(evidence_response, P1_1="approved")
    body = client.get(check_url(evidence_response)).content.decode()
    assert 'data-warning="P1.1"' in body and 'data-problem-count="0"' in body
    assert 'data-action="request_approval"' in body


def test_a_blocking_problem_hides_the_request_and_is_listed(client, strict_response, alice):
    client.force_login(alice)
    body = client.get(check_url(strict_response)).content.decode()
    assert 'data-problem="P1.1"' in body and 'data-action="request_approval"' not in body


def test_a_refused_request_leads_to_the_check_page(client, strict_response, alice, post_answers):
    client.force_login(alice)
    post_answers(strict_response, P1_2="yes")
    reply = client.post(action_url(strict_response, "request_approval"))
    assert reply["Location"] == check_url(strict_response)


def test_the_response_page_links_to_the_check_page(client, response_a, alice):
    client.force_login(alice)
    body = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert f'href="{check_url(response_a)}"' in body


def test_the_approver_sees_the_warnings_and_the_declaration(
    client, evidence_response, alice, bob, request_approval
):
    request_approval(evidence_response, {"P1.1": "approved"}, officer=alice)
    client.force_login(bob)
    body = client.get(check_url(evidence_response)).content.decode()
    assert 'data-warning="P1.1"' in body
    assert 'name="declaration"' in body and "required" in body and 'data-action="approve"' in body


def test_approval_without_the_declaration_changes_nothing(
    client, evidence_response, alice, bob, request_approval
):
    request_approval(evidence_response, {"P1.1": "approved"}, officer=alice)
    client.force_login(bob)
    reply = client.post(action_url(evidence_response, "approve"))
    evidence_response.refresh_from_db()
    assert reply["Location"] == check_url(evidence_response)
    assert evidence_response.status == ResponseStatus.AWAITING_APPROVAL
    assert not SubmissionReceipt.objects.exists()


def test_approval_with_the_declaration_submits_and_issues_a_receipt(
    client, evidence_response, alice, bob, request_approval
):
    request_approval(evidence_response, {"P1.1": "approved"}, officer=alice)
    client.force_login(bob)
    client.post(action_url(evidence_response, "approve"), {"declaration": "on"})
    evidence_response.refresh_from_db()
    assert evidence_response.status == ResponseStatus.SUBMITTED
    assert SubmissionReceipt.objects.filter(response=evidence_response).count() == 1


def test_the_officer_withdraws_the_request_from_the_response_page(
    client, response_a, alice, request_approval
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(alice)
    body = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert 'data-action="withdraw"' in body
    client.post(action_url(response_a, "withdraw"))
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.DRAFT
