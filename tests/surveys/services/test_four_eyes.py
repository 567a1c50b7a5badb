"""Four eyes on score changes: a large adjustment, or returning/accepting an adjusted response,
counts only once a second reviewer confirms it; never the same reviewer; both steps audited."""

import pytest

from agencies.models import AuditEvent
from surveys.domain.workflow import TransitionError
from surveys.models import (
    ProposalState,
    ResponseStatus,
    ReviewAssignment,
    ReviewProposal,
    ScoreAdjustment,
    ScoreCard,
)
from surveys.services.answers import answers_save
from surveys.services.proposals import proposal_confirm, review_decide
from surveys.services.review import score_adjust
from surveys.services.transitions import response_transition
from tests.factories import UserFactory


@pytest.fixture
def rita(response_a, dana):
    reviewer = UserFactory(full_name="Rita", is_reviewer=True)
    ReviewAssignment.objects.create(agency=response_a.agency, reviewer=reviewer, assigned_by=dana)
    return reviewer


@pytest.fixture
def in_review(response_a, alice, bob, dana, submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=response_a, values={"G.1": "A", "P1.1": "approved", "P1.2": "yes"}, by=alice)
        submit(response_a, officer=alice, approver=bob)
        response_transition(response=response_a, action="start_review", by=dana)
    return response_a


def total(response) -> float | None:
    return ScoreCard.objects.get(response=response).total


def test_an_adjustment_above_the_threshold_waits_for_a_second_reviewer(
    in_review, rita, dana, django_capture_on_commit_callbacks
):
    before = total(in_review)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = score_adjust(
            response=in_review, question_code="P1.2", score=0.0, reason="no order", by=rita
        )
    assert isinstance(proposal, ReviewProposal) and not ScoreAdjustment.objects.exists()
    assert total(in_review) == before
    with django_capture_on_commit_callbacks(execute=True):
        proposal_confirm(proposal=proposal, by=dana)
    assert ScoreAdjustment.objects.get().score == 0.0
    assert total(in_review) < before
    actions = list(AuditEvent.objects.order_by("at", "pk").values_list("action", "actor"))
    assert ("proposal.adjust", rita.pk) in actions and ("proposal.confirm", dana.pk) in actions


def test_the_same_reviewer_cannot_confirm_their_own_change(in_review, rita):
    proposal = score_adjust(response=in_review, question_code="P1.2", score=0.0, reason="no order", by=rita)
    with pytest.raises(TransitionError, match="own change"):
        proposal_confirm(proposal=proposal, by=rita)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and not ScoreAdjustment.objects.exists()


def test_a_small_adjustment_counts_at_once(in_review, rita, settings):
    settings.REVIEW_FOUR_EYES_THRESHOLD = 60
    adjustment = score_adjust(
        response=in_review, question_code="P1.2", score=0.5, reason="acting CIO", by=rita
    )
    assert isinstance(adjustment, ScoreAdjustment)


def test_four_eyes_off_lets_any_adjustment_count_at_once(in_review, rita, one_pair_of_eyes):
    adjustment = score_adjust(response=in_review, question_code="P1.2", score=0.0, reason="no order", by=rita)
    assert isinstance(adjustment, ScoreAdjustment)


def test_accepting_an_adjusted_response_waits_for_a_second_reviewer(in_review, rita, dana, settings):
    settings.REVIEW_FOUR_EYES_THRESHOLD = 100
    score_adjust(response=in_review, question_code="P1.2", score=0.5, reason="acting CIO", by=rita)
    proposal = review_decide(response=in_review, action="accept", comment="", by=rita)
    in_review.refresh_from_db()
    assert isinstance(proposal, ReviewProposal) and in_review.status == ResponseStatus.UNDER_REVIEW
    proposal_confirm(proposal=proposal, by=dana)
    in_review.refresh_from_db()
    assert in_review.status == ResponseStatus.ACCEPTED


def test_a_reviewer_reviews_only_the_agencies_assigned_to_them(in_review):
    stranger = UserFactory(is_reviewer=True)
    with pytest.raises(TransitionError, match="reviewer"):
        score_adjust(response=in_review, question_code="P1.2", score=0.5, reason="x", by=stranger)
