"""Four eyes on score changes: a second reviewer confirms what the first proposed.

A large adjustment (surveys/services/review.py opens it) and returning or accepting a response
with adjustments wait as a ReviewProposal; a different reviewer of the response confirms it, and
only then it counts. Both steps are in the audit log (proposal.<kind>, proposal.confirm)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agencies.audit import audit_log
from agencies.models import User
from surveys.domain.workflow import TransitionError
from surveys.models import ProposalKind, ProposalState, Response, ReviewProposal, ScoreAdjustment
from surveys.services.review import adjustment_apply, lock_reviewable, proposal_open
from surveys.services.transitions import response_transition

SECOND_EYES_ACTIONS = frozenset({ProposalKind.RETURN, ProposalKind.ACCEPT})


def review_decide(*, response: Response, action: str, comment: str, by: User) -> Response | ReviewProposal:
    """A review decision on the whole response: returning or accepting a response whose scores
    were adjusted waits for a second reviewer; everything else happens at once."""
    if settings.REVIEW_FOUR_EYES and action in SECOND_EYES_ACTIONS:
        with transaction.atomic():
            locked = lock_reviewable(response, by)
            if ScoreAdjustment.objects.filter(response=locked).exists():
                if action == ProposalKind.RETURN and not comment.strip():
                    raise TransitionError("comment_required", "returning needs a comment")
                reason = comment.strip() or str(ProposalKind(action).label)
                return proposal_open(response=locked, kind=action, reason=reason, by=by)
    return response_transition(response=response, action=action, by=by, comment=comment)


def proposal_confirm(*, proposal: ReviewProposal, by: User) -> ReviewProposal:
    """A second reviewer confirms the change, which then counts; never the proposer."""
    with transaction.atomic():
        locked_response = lock_reviewable(proposal.response, by)
        current = ReviewProposal.objects.select_for_update().get(pk=proposal.pk)
        if current.state != ProposalState.PENDING:
            raise TransitionError("decided", "the change was already confirmed or replaced")
        if current.proposed_by_id == by.pk:
            raise TransitionError("own_change", "the same reviewer cannot confirm their own change")
        current.state, current.decided_by, current.decided_at = ProposalState.CONFIRMED, by, timezone.now()
        current.save(update_fields=["state", "decided_by", "decided_at"])
        audit_log(
            actor=by, action="proposal.confirm", target=locked_response, after=current.score,
            reason=current.reason, question=current.question_code, proposal=current.pk, kind=current.kind,
            proposed_by=current.proposed_by_id,
        )  # fmt: skip
        if current.kind == ProposalKind.ADJUST:
            adjustment_apply(
                response=locked_response, question_code=current.question_code, score=current.score or 0.0,
                reason=current.reason, by=current.proposed_by,
            )  # fmt: skip
        else:
            response_transition(response=locked_response, action=current.kind, by=by, comment=current.reason)
    return current
