"""The status machine, without a database."""

import pytest

from surveys.domain.workflow import Actor, Status, TransitionError, check


def test_an_officer_requests_approval_of_a_draft():
    assert check("request_approval", Status.DRAFT, {Actor.OFFICER}, cycle_open=True).target == (
        Status.AWAITING_APPROVAL
    )


def test_only_an_approver_approves():
    with pytest.raises(TransitionError) as caught:
        check("approve", Status.AWAITING_APPROVAL, {Actor.OFFICER}, cycle_open=True)
    assert caught.value.code == "forbidden"


def test_approval_submits_and_rescores():
    transition = check("approve", Status.AWAITING_APPROVAL, {Actor.APPROVER}, cycle_open=True)
    assert (transition.target, transition.rescores) == (Status.SUBMITTED, True)


def test_nothing_is_submitted_after_the_deadline():
    with pytest.raises(TransitionError) as caught:
        check("approve", Status.AWAITING_APPROVAL, {Actor.APPROVER}, cycle_open=False)
    assert caught.value.code == "closed"


def test_sending_back_needs_a_comment():
    with pytest.raises(TransitionError) as caught:
        check("send_back", Status.AWAITING_APPROVAL, {Actor.APPROVER}, cycle_open=True, comment=" ")
    assert caught.value.code == "comment_required"


def test_an_accepted_response_cannot_be_returned_directly():
    with pytest.raises(TransitionError) as caught:
        check("return", Status.ACCEPTED, {Actor.DGA_ADMIN}, cycle_open=True, comment="fix")
    assert caught.value.code == "wrong_status"


def test_an_officer_withdraws_a_request_for_approval_back_to_draft():
    assert (
        check("withdraw", Status.AWAITING_APPROVAL, {Actor.OFFICER}, cycle_open=True).target == Status.DRAFT
    )


def test_a_submitted_response_cannot_be_withdrawn():
    with pytest.raises(TransitionError) as caught:
        check("withdraw", Status.SUBMITTED, {Actor.OFFICER}, cycle_open=True)
    assert caught.value.code == "wrong_status"
