"""DGA's review through the service layer: comments on questions, evidence decisions, score
adjustments and their removal, each guarded and audited."""

import pytest

from agencies.models import AuditEvent
from surveys.domain.workflow import TransitionError
from surveys.models import EvidenceState, ReviewComment, ScoreAdjustment
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from surveys.services.review import (
    evidence_review,
    review_comment_add,
    score_adjust,
    score_adjustment_remove,
)
from surveys.services.transitions import response_transition
from tests.factories import pdf_upload


@pytest.fixture
def under_review(evidence_response, alice, bob, dana, submit, django_capture_on_commit_callbacks):
    """Agency A's response with one evidence file, submitted and taken into review by DGA."""
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=evidence_response, values={"G.1": "A", "P1.1": "approved"}, by=alice)
        evidence_add(response=evidence_response, question_code="P1.1", upload=pdf_upload(), by=alice)
        submit(evidence_response, officer=alice, approver=bob)
        response_transition(response=evidence_response, action="start_review", by=dana)
    return evidence_response


def test_only_dga_comments_on_questions(response_a, alice):
    with pytest.raises(TransitionError):
        review_comment_add(response=response_a, question_code="P1.2", body="x", by=alice)


def test_a_comment_needs_text(response_a, dana):
    with pytest.raises(TransitionError, match="needs text"):
        review_comment_add(response=response_a, question_code="P1.2", body="   ", by=dana)
    assert not ReviewComment.objects.exists()


def test_a_comment_on_a_question_is_kept_and_audited(response_a, dana):
    comment = review_comment_add(response=response_a, question_code="P1.2", body=" Sign it ", by=dana)
    assert (comment.body, comment.author) == ("Sign it", dana)
    assert AuditEvent.objects.filter(action="comment.add", data__question="P1.2").count() == 1


def test_a_rejection_needs_a_note(under_review, dana):
    evidence = under_review.evidence.get()
    with pytest.raises(TransitionError, match="needs a note"):
        evidence_review(evidence=evidence, state=EvidenceState.REJECTED, note=" ", by=dana)
    evidence.refresh_from_db()
    assert evidence.review_state == EvidenceState.PENDING


def test_an_unknown_evidence_state_is_refused(under_review, dana):
    with pytest.raises(ValueError, match="unknown evidence state"):
        evidence_review(evidence=under_review.evidence.get(), state="lost", note="", by=dana)


def test_only_dga_decides_on_evidence(under_review, alice):
    with pytest.raises(TransitionError, match="only DGA"):
        evidence_review(evidence=under_review.evidence.get(), state=EvidenceState.VERIFIED, note="", by=alice)


def test_evidence_of_a_response_not_under_review_is_not_decided(response_a, alice, dana):
    evidence = evidence_add(response=response_a, question_code="P1.1", upload=pdf_upload(), by=alice)
    with pytest.raises(TransitionError, match="not under DGA's review"):
        evidence_review(evidence=evidence, state=EvidenceState.VERIFIED, note="", by=dana)


@pytest.mark.parametrize(
    ("question", "score", "reason", "error"),
    [
        ("G.1", 0.5, "r", ValueError),  # not a scored question
        ("NOPE", 0.5, "r", ValueError),
        ("P1.2", 1.5, "r", ValueError),
        ("P1.2", -0.1, "r", ValueError),
        ("P1.2", 0.5, "  ", TransitionError),
    ],
)
def test_an_adjustment_outside_the_rules_is_refused(under_review, dana, question, score, reason, error):
    with pytest.raises(error):
        score_adjust(response=under_review, question_code=question, score=score, reason=reason, by=dana)
    assert not ScoreAdjustment.objects.exists()


def test_removing_an_adjustment_gives_back_the_computed_score_and_is_audited(
    under_review, dana, django_capture_on_commit_callbacks, one_pair_of_eyes
):
    with django_capture_on_commit_callbacks(execute=True):
        score_adjust(response=under_review, question_code="P1.2", score=0.5, reason="acting CIO", by=dana)
        score_adjustment_remove(response=under_review, question_code="P1.2", reason="CIO appointed", by=dana)
    assert not ScoreAdjustment.objects.exists()
    removal = AuditEvent.objects.get(action="score.unadjust")
    assert (removal.data["before"], removal.data["reason"]) == (0.5, "CIO appointed")


def test_removing_an_adjustment_needs_a_reason(under_review, dana, one_pair_of_eyes):
    score_adjust(response=under_review, question_code="P1.2", score=0.5, reason="acting CIO", by=dana)
    with pytest.raises(TransitionError, match="needs a reason"):
        score_adjustment_remove(response=under_review, question_code="P1.2", reason="", by=dana)
    assert ScoreAdjustment.objects.count() == 1


def test_removing_an_adjustment_that_does_not_exist_changes_nothing(under_review, dana):
    score_adjustment_remove(response=under_review, question_code="P1.2", reason="tidy", by=dana)
    assert not AuditEvent.objects.filter(action="score.unadjust").exists()
