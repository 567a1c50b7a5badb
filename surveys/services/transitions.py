"""The response's workflow: the edit guard and lock, and each transition written with its
event and audit row; a transition that changes the score rescores on commit."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from agencies.audit import audit_log
from agencies.models import User
from surveys.access import actors_for
from surveys.domain import workflow
from surveys.domain.completeness import blocking, response_problems
from surveys.domain.workflow import TransitionError
from surveys.models import (
    CycleTarget,
    Response,
    ResponseEvent,
    ResponseStatus,
)
from surveys.models.loading import HeldAnswers, lock_with_answers
from surveys.selectors.responses import answers_of, evidence_states_of
from surveys.services import notifications
from surveys.services.receipts import receipt_issue
from surveys.services.scoring import response_request_scoring


def response_is_open(response: Response, today: date | None = None) -> bool:
    """Whether the agency may still change and submit this response (deadline per agency)."""
    cycle = response.cycle
    if cycle is None:
        return False
    today = today or timezone.localdate()
    if hasattr(response, "agency_deadline"):  # loaded with Response.objects.with_agency_deadline()
        extended = response.agency_deadline
    else:
        target = CycleTarget.objects.filter(cycle_id=cycle.pk, agency_id=response.agency_id)
        extended = target.values_list("deadline", flat=True).first()
    deadline = extended or cycle.closes_on
    return cycle.opens_on <= today <= deadline


def _locked(response: Response) -> Response:
    """The response row, locked until the transaction ends, with what the deadline check reads."""
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("cycle")
        .with_agency_deadline()
        .get(pk=response.pk)
    )


def response_lock_editable(
    *, response: Response, by: User, actors: set[workflow.Actor] | None = None
) -> Response:
    """The response, locked for this transaction, if `by` may change it now (role, status,
    deadline); a first change starts it. Call inside transaction.atomic(). `actors`: who `by`
    is to the response, when the caller has just asked (saves a query)."""
    return _editable(_locked(response), by, actors)


def response_lock_editable_with_answers(
    *,
    response: Response,
    by: User,
    actors: set[workflow.Actor] | None = None,
    held: HeldAnswers | None = None,
) -> tuple[Response, HeldAnswers]:
    """response_lock_editable for a caller that has just loaded the response with its cycle and
    deadline (surveys.access.response_for_user) and writes its answers (an autosave): the status
    is read again and the answers (pk, code, value, version) read in the statement that takes
    the lock (surveys.models.loading.lock_with_answers). `held`: the answers, when the caller
    read the response, its lock and its answers in one statement in this transaction
    (surveys.access.response_for_user_locked); nothing is read again."""
    if held is None:
        response.status, held = lock_with_answers(response.pk)
    return _editable(response, by, actors), held


def _editable(locked: Response, by: User, actors: set[workflow.Actor] | None) -> Response:
    guard_editable(locked, by, actors)
    if locked.status == ResponseStatus.NOT_STARTED:
        _transition(locked, "start", by, "")
    return locked


def guard_editable(response: Response, by: User, actors: set[workflow.Actor] | None = None) -> None:
    if actors is None:
        actors = actors_for(by, response)
    if not actors & {workflow.Actor.OFFICER, workflow.Actor.APPROVER}:
        raise TransitionError("forbidden", "only the agency's officers edit its response")
    if response.status not in workflow.EDITABLE:
        raise TransitionError("locked", "the response is not editable in its current status")
    if not response_is_open(response):
        raise TransitionError("closed", "the cycle is closed for this agency")


def response_transition(
    *, response: Response, action: str, by: User, comment: str = "", declared: bool = False
) -> Response:
    """Move a response through the workflow: guard, write the event, rescore on commit.
    Approval (= submission to DGA) needs the approver's declaration (`declared`), and both it
    and the request for approval need a response with no blocking problem; warnings (answers
    that will score 0 for lack of evidence) do not stop either."""
    with transaction.atomic():
        response = _locked(response)
        _check(response, action, by, comment)  # status, role and calendar come first
        if action in ("request_approval", "approve"):
            _guard_complete(response)
        if action == "approve" and not declared:
            raise TransitionError("declaration_required", "approval needs the approver's declaration")
        _transition(response, action, by, comment)
    return response


def _guard_complete(response: Response) -> None:
    """Nothing blocking may stand in the validation summary (warnings may)."""
    definition = response.questionnaire.parsed
    problems = response_problems(
        definition, answers_of(response=response), evidence_states_of(response_id=response.pk)
    )
    if blocking(problems):
        count = len(blocking(problems))
        raise TransitionError("incomplete", f"{count} question(s) need attention before approval")


def _check(response: Response, action: str, by: User, comment: str) -> workflow.Transition:
    return workflow.check(
        action,
        workflow.Status(response.status),
        actors_for(by, response),
        cycle_open=response_is_open(response),
        comment=comment,
    )


def _transition(response: Response, action: str, by: User, comment: str) -> None:
    transition = _check(response, action, by, comment)
    before = response.status
    response.status = transition.target
    fields = ["status", "updated_at"]
    if transition.target == workflow.Status.SUBMITTED:
        response.submitted_at = timezone.now()
        fields.append("submitted_at")
    response.save(update_fields=fields)
    if transition.target == workflow.Status.SUBMITTED:
        receipt_issue(response=response, by=by)
    ResponseEvent.objects.create(
        response=response,
        action=action,
        from_status=before,
        to_status=transition.target,
        actor=by,
        comment=comment.strip(),
    )
    audit_log(
        actor=by,
        action=f"response.{action}",
        target=response,
        before=before,
        after=str(transition.target),
        reason=comment.strip(),
    )
    if transition.rescores:
        response_request_scoring(response=response)
    notifications.on_transition(response=response, action=action, by=by, comment=comment)
