"""DGA's review of a response: evidence verified or rejected with a note, question scores
adjusted with a reason, comments on questions. Each checks its guard, writes and audits in one
transaction, and rescores the response once the transaction commits."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from agencies import roles
from agencies.audit import audit_log
from agencies.models import User
from surveys.domain.workflow import TransitionError
from surveys.models import (
    Evidence,
    EvidenceState,
    Response,
    ResponseStatus,
    ReviewComment,
    ScoreAdjustment,
)
from surveys.services import notifications
from surveys.services.answers import question_of
from surveys.services.scoring import response_request_scoring


def review_comment_add(*, response: Response, question_code: str, body: str, by: User) -> ReviewComment:
    """DGA's comment on one question, shown to the agency beside it."""
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA comments on questions")
    question_of(response, question_code, file_ok=True)
    if not body.strip():
        raise TransitionError("comment_required", "a comment needs text")
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            response=response, question_code=question_code, body=body.strip(), author=by
        )
        audit_log(actor=by, action="comment.add", target=response, after=comment.body, question=question_code)
        notifications.on_comment(response=response, question_code=question_code, body=comment.body, by=by)
    return comment


# While DGA holds the response: before it is returned to the agency or accepted (locked).
REVIEWABLE = frozenset({ResponseStatus.SUBMITTED, ResponseStatus.UNDER_REVIEW})


def _lock_reviewable(response: Response, by: User) -> Response:
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA reviews responses")
    locked = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
    if locked.status not in REVIEWABLE:
        raise TransitionError("wrong_status", "the response is not under DGA's review")
    return locked


def evidence_review(*, evidence: Evidence, state: str, note: str, by: User) -> Evidence:
    """Verify or reject one evidence file (a rejection needs a note); the score follows."""
    if state not in (EvidenceState.VERIFIED, EvidenceState.REJECTED, EvidenceState.PENDING):
        raise ValueError(f"unknown evidence state {state!r}")
    note = note.strip()
    if state == EvidenceState.REJECTED and not note:
        raise TransitionError("comment_required", "a rejection needs a note")
    with transaction.atomic():
        locked = _lock_reviewable(evidence.response, by)
        current = Evidence.objects.select_for_update().get(pk=evidence.pk)
        before = current.review_state
        current.review_state, current.review_note = state, note
        current.reviewed_by, current.reviewed_at = by, timezone.now()
        current.save(update_fields=["review_state", "review_note", "reviewed_by", "reviewed_at"])
        audit_log(
            actor=by, action=f"evidence.{_verb(state)}", target=locked, before=before, after=state,
            reason=note, question=current.question_code, evidence=str(current.public_id),
            file=current.original_name,
        )  # fmt: skip
        response_request_scoring(response=locked)
        if state == EvidenceState.REJECTED and before != state:
            notifications.on_evidence_rejected(
                response=locked, question_code=current.question_code, file=current.original_name,
                note=note, by=by,
            )  # fmt: skip
    return current


def _verb(state: str) -> str:
    return {"verified": "verify", "rejected": "reject"}.get(state, "unreview")


def score_adjust(
    *, response: Response, question_code: str, score: float, reason: str, by: User
) -> ScoreAdjustment:
    """Replace one question's score by a fraction 0..1, for a stated reason."""
    question = response.questionnaire.parsed.questions_by_code.get(question_code)
    if question is None or not question.is_scored:
        raise ValueError(f"no scored question {question_code!r} in {response.questionnaire.code}")
    if not 0 <= score <= 1:
        raise ValueError("an adjusted score is a fraction between 0 and 1")
    if not reason.strip():
        raise TransitionError("comment_required", "an adjustment needs a reason")
    with transaction.atomic():
        locked = _lock_reviewable(response, by)
        previous = ScoreAdjustment.objects.filter(response=locked, question_code=question_code).first()
        adjustment, _ = ScoreAdjustment.objects.update_or_create(
            response=locked,
            question_code=question_code,
            defaults={"score": score, "reason": reason.strip(), "by": by},
        )
        audit_log(
            actor=by, action="score.adjust", target=locked, before=previous.score if previous else None,
            after=score, reason=adjustment.reason, question=question_code,
        )  # fmt: skip
        response_request_scoring(response=locked)
    return adjustment


def score_adjustment_remove(*, response: Response, question_code: str, reason: str, by: User) -> None:
    """Give the question back its computed score."""
    if not reason.strip():
        raise TransitionError("comment_required", "removing an adjustment needs a reason")
    with transaction.atomic():
        locked = _lock_reviewable(response, by)
        previous = ScoreAdjustment.objects.filter(response=locked, question_code=question_code).first()
        if previous is None:
            return
        audit_log(
            actor=by, action="score.unadjust", target=locked, before=previous.score, after=None,
            reason=reason.strip(), question=question_code,
        )  # fmt: skip
        previous.delete()
        response_request_scoring(response=locked)
