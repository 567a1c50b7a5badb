"""DGA's review of a response: evidence verified or rejected with a note, question scores
adjusted with a reason, comments on questions. Each checks its guard, writes and audits in one
transaction, and rescores the response once the transaction commits — after the page has
answered, so a decision never waits for scoring.

Four eyes (settings.REVIEW_FOUR_EYES): an adjustment that moves a question's score by more than
REVIEW_FOUR_EYES_THRESHOLD points, and returning or accepting a response with adjustments, become
a ReviewProposal that counts only once a second reviewer confirms it (surveys/services/proposals.py)."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import transaction
from django.db.models import ForeignKey
from django.utils import timezone

from agencies.audit import audit_log
from agencies.models import User
from surveys.access import assigned_to, can_review_response, may_review
from surveys.domain.workflow import TransitionError
from surveys.models import (
    Evidence,
    EvidenceState,
    ProposalKind,
    Response,
    ResponseStatus,
    ReviewComment,
    ReviewProposal,
    ScoreAdjustment,
)
from surveys.selectors.responses import score_card_of
from surveys.services import notifications
from surveys.services.answers import question_of
from surveys.services.scoring import response_request_scoring


def review_comment_add(*, response: Response, question_code: str, body: str, by: User) -> ReviewComment:
    """DGA's comment on one question, shown to the agency beside it."""
    if not can_review_response(by, response):
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


def lock_reviewable(response: Response, by: User) -> Response:
    """The response locked for a review change, once the guard passed (its reviewer, DGA's hold):
    one statement locks the row and reads the right to review it. The locked copy keeps the
    agency, questionnaire and cycle the caller loaded."""
    locked = (
        Response.objects.select_for_update(of=("self",))
        .annotate(assigned=assigned_to(by))
        .get(pk=response.pk)
    )
    _guard(locked, by, assigned=locked.assigned)
    _keep_related(response, locked)
    return locked


def _guard(locked: Response, by: User, *, assigned: bool) -> None:
    if not may_review(by, assigned=assigned):
        raise TransitionError("forbidden", "only DGA admins and the agency's reviewer review it")
    if locked.status not in REVIEWABLE:
        raise TransitionError("wrong_status", "the response is not under DGA's review")


def _keep_related(loaded: Response, locked: Response) -> None:
    for name in ("agency", "questionnaire", "cycle"):
        field = cast(ForeignKey, Response._meta.get_field(name))
        if field.is_cached(loaded) and getattr(loaded, field.attname) == getattr(locked, field.attname):
            field.set_cached_value(locked, field.get_cached_value(loaded))


def evidence_review(*, evidence: Evidence, state: str, note: str, by: User) -> Evidence:
    """Verify or reject one evidence file (a rejection needs a note); the score follows. One
    statement locks the file and its response and reads the right to review; then the file,
    the audit row and the score's state are written (the rescoring is sent after the commit)."""
    if state not in (EvidenceState.VERIFIED, EvidenceState.REJECTED, EvidenceState.PENDING):
        raise ValueError(f"unknown evidence state {state!r}")
    note = note.strip()
    if state == EvidenceState.REJECTED and not note:
        raise TransitionError("comment_required", "a rejection needs a note")
    with transaction.atomic():
        current = (
            Evidence.objects.select_for_update(of=("self", "response"))
            .select_related("response")
            .annotate(assigned=assigned_to(by, "response__agency_id"))
            .get(pk=evidence.pk)
        )
        locked = current.response
        _guard(locked, by, assigned=current.assigned)
        _keep_related(evidence.response, locked)
        before = current.review_state
        current.review_state, current.review_note = state, note
        current.reviewed_by, current.reviewed_at = by, timezone.now()
        current.save(update_fields=["review_state", "review_note", "reviewed_by", "reviewed_at"])
        audit_log(
            actor=by, action=f"evidence.{_verb(state)}", target=locked, before=before, after=state,
            reason=note, question=current.question_code, evidence=str(current.public_id),
            file=current.original_name,
        )  # fmt: skip
        response_request_scoring(response=locked, after_response=True)
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
) -> ScoreAdjustment | ReviewProposal:
    """Replace one question's score by a fraction 0..1, for a stated reason; a change larger than
    the four-eyes threshold waits, as a proposal, for a second reviewer."""
    question = response.questionnaire.parsed.questions_by_code.get(question_code)
    if question is None or not question.is_scored:
        raise ValueError(f"no scored question {question_code!r} in {response.questionnaire.code}")
    if not 0 <= score <= 1:
        raise ValueError("an adjusted score is a fraction between 0 and 1")
    if not reason.strip():
        raise TransitionError("comment_required", "an adjustment needs a reason")
    with transaction.atomic():
        locked = lock_reviewable(response, by)
        if needs_second_reviewer(locked, question_code, score):
            return proposal_open(
                response=locked, kind=ProposalKind.ADJUST, question_code=question_code, score=score,
                reason=reason.strip(), by=by,
            )  # fmt: skip
        return adjustment_apply(
            response=locked, question_code=question_code, score=score, reason=reason, by=by
        )


def adjustment_apply(
    *, response: Response, question_code: str, score: float, reason: str, by: User
) -> ScoreAdjustment:
    """Store the adjustment, audit it, rescore: the response is locked by the caller."""
    previous = ScoreAdjustment.objects.filter(response=response, question_code=question_code).first()
    adjustment, _ = ScoreAdjustment.objects.update_or_create(
        response=response,
        question_code=question_code,
        defaults={"score": score, "reason": reason.strip(), "by": by},
    )
    audit_log(
        actor=by, action="score.adjust", target=response, before=previous.score if previous else None,
        after=score, reason=adjustment.reason, question=question_code,
    )  # fmt: skip
    response_request_scoring(response=response, after_response=True)
    return adjustment


def needs_second_reviewer(response: Response, question_code: str, score: float) -> bool:
    """Whether the adjustment moves the question's score by more than the threshold (four eyes on)."""
    if not settings.REVIEW_FOUR_EYES:
        return False
    current = ScoreAdjustment.objects.filter(response=response, question_code=question_code).first()
    before = current.score if current else _question_score(response, question_code)
    return abs(score - (before or 0.0)) * 100 > settings.REVIEW_FOUR_EYES_THRESHOLD


def _question_score(response: Response, question_code: str) -> float | None:
    stored = score_card_of(response=response)
    if stored is None:
        return None
    return (stored.card.get("questions", {}).get(question_code) or {}).get("score")


def proposal_open(
    *,
    response: Response,
    kind: str,
    question_code: str = "",
    score: float | None = None,
    reason: str,
    by: User,
) -> ReviewProposal:
    """A change waiting for a second reviewer (a newer proposal of the same change replaces it)."""
    ReviewProposal.objects.filter(
        response=response, kind=kind, question_code=question_code, state="pending"
    ).update(state="withdrawn", decided_at=timezone.now())
    proposal = ReviewProposal.objects.create(
        response=response, kind=kind, question_code=question_code, score=score, reason=reason, proposed_by=by
    )
    audit_log(
        actor=by, action=f"proposal.{kind}", target=response, after=score, reason=reason,
        question=question_code, proposal=proposal.pk,
    )  # fmt: skip
    return proposal


def score_adjustment_remove(*, response: Response, question_code: str, reason: str, by: User) -> None:
    """Give the question back its computed score."""
    if not reason.strip():
        raise TransitionError("comment_required", "removing an adjustment needs a reason")
    with transaction.atomic():
        locked = lock_reviewable(response, by)
        previous = ScoreAdjustment.objects.filter(response=locked, question_code=question_code).first()
        if previous is None:
            return
        audit_log(
            actor=by, action="score.unadjust", target=locked, before=previous.score, after=None,
            reason=reason.strip(), question=question_code,
        )  # fmt: skip
        previous.delete()
        response_request_scoring(response=locked, after_response=True)
