"""The response status machine (docs/contract.md#response-workflow), as data: no ORM."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class Actor(StrEnum):
    OFFICER = "officer"
    APPROVER = "approver"
    DGA_ADMIN = "dga_admin"
    REVIEWER = "reviewer"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[Status]
    target: Status
    actors: frozenset[Actor]
    needs_open_cycle: bool = False
    needs_comment: bool = False
    rescores: bool = False


def _t(action, sources, target, actors, **flags) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(actors), **flags)


S, A = Status, Actor
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t("start", [S.NOT_STARTED], S.DRAFT, [A.OFFICER, A.APPROVER], needs_open_cycle=True),
        _t(
            "request_approval",
            [S.DRAFT, S.RETURNED],
            S.AWAITING_APPROVAL,
            [A.OFFICER, A.APPROVER],
            needs_open_cycle=True,
        ),
        # The officer takes the request back before it is approved (to change an answer, say).
        _t("withdraw", [S.AWAITING_APPROVAL], S.DRAFT, [A.OFFICER], needs_open_cycle=True),
        _t("send_back", [S.AWAITING_APPROVAL], S.DRAFT, [A.APPROVER], needs_comment=True),
        _t(
            "approve",
            [S.AWAITING_APPROVAL],
            S.SUBMITTED,
            [A.APPROVER],
            needs_open_cycle=True,
            rescores=True,
        ),
        _t("start_review", [S.SUBMITTED], S.UNDER_REVIEW, [A.DGA_ADMIN, A.REVIEWER]),
        _t("return", [S.UNDER_REVIEW], S.RETURNED, [A.DGA_ADMIN, A.REVIEWER], needs_comment=True),
        _t("accept", [S.SUBMITTED, S.UNDER_REVIEW], S.ACCEPTED, [A.DGA_ADMIN, A.REVIEWER], rescores=True),
        _t("reopen", [S.ACCEPTED], S.UNDER_REVIEW, [A.DGA_ADMIN], needs_comment=True),
    )
}

EDITABLE = frozenset({S.NOT_STARTED, S.DRAFT, S.RETURNED})


class TransitionError(Exception):
    """A transition that the status, the actor or the calendar does not allow."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def check(action: str, status: Status, actors: set[Actor], cycle_open: bool, comment: str = "") -> Transition:
    """Return the transition if allowed, else raise TransitionError with a reason code."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError("unknown_action", f"unknown action {action!r}")
    if status not in transition.sources:
        raise TransitionError("wrong_status", f"{action} is not possible from {status}")
    if not transition.actors & actors:
        raise TransitionError("forbidden", f"{action} needs one of {sorted(transition.actors)}")
    if transition.needs_open_cycle and not cycle_open:
        raise TransitionError("closed", "the cycle is closed for this agency")
    if transition.needs_comment and not comment.strip():
        raise TransitionError("comment_required", f"{action} needs a comment")
    return transition
