"""Use cases that change responses: each checks its guard, writes in one transaction,
and enqueues follow-up work on commit."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from agencies.audit import audit_log
from agencies.models import Agency, User

from . import workflow
from .access import actors_for
from .models import (
    Answer,
    AnswerChange,
    Cycle,
    CycleTarget,
    Questionnaire,
    Response,
    ResponseEvent,
    ResponseStatus,
)
from .scorecards import response_request_scoring
from .workflow import TransitionError

logger = logging.getLogger(__name__)


def cycle_open(
    *, year: int, questionnaire: Questionnaire, opens_on: date, closes_on: date, agencies: list[Agency]
) -> Cycle:
    """Create or update a cycle, its targets, and a not-started response for every target."""
    with transaction.atomic():
        cycle, _ = Cycle.objects.update_or_create(
            year=year,
            defaults={"questionnaire": questionnaire, "opens_on": opens_on, "closes_on": closes_on},
        )
        CycleTarget.objects.bulk_create(
            [CycleTarget(cycle=cycle, agency=a) for a in agencies], ignore_conflicts=True
        )
        Response.objects.bulk_create(
            [Response(agency=a, questionnaire=questionnaire, cycle=cycle) for a in agencies],
            ignore_conflicts=True,
        )
    return cycle


def response_is_open(response: Response, today: date | None = None) -> bool:
    """Whether the agency may still change and submit this response (deadline per agency)."""
    if response.cycle_id is None:
        return False
    today = today or timezone.localdate()
    if hasattr(response, "agency_deadline"):  # loaded with Response.objects.with_agency_deadline()
        extended = response.agency_deadline
    else:
        target = CycleTarget.objects.filter(cycle_id=response.cycle_id, agency_id=response.agency_id)
        extended = target.values_list("deadline", flat=True).first()
    deadline = extended or response.cycle.closes_on
    return response.cycle.opens_on <= today <= deadline


def _locked(response: Response) -> Response:
    """The response row, locked until the transaction ends, with what the deadline check reads."""
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("cycle")
        .with_agency_deadline()
        .get(pk=response.pk)
    )


def response_lock_editable(*, response: Response, by: User) -> Response:
    """The response, locked for this transaction, if `by` may change it now (role, status,
    deadline); a first change starts it. Call inside transaction.atomic()."""
    locked = _locked(response)
    _guard_editable(locked, by)
    if locked.status == ResponseStatus.NOT_STARTED:
        _transition(locked, "start", by, "")
    return locked


def answer_write(*, response: Response, answer: Answer | None, code: str, value: Any, by: User) -> Answer:
    """Create or change one answer with its history row and audit row. The caller holds the
    response's lock and, for a change, the answer row's lock (so its version is known)."""
    if answer is None:
        answer = Answer.objects.create(response=response, question_code=code, value=value, updated_by=by)
        old = None
    else:
        old = answer.value
        answer.value, answer.updated_by, answer.version = value, by, answer.version + 1
        answer.save(update_fields=["value", "updated_by", "version", "updated_at"])
    AnswerChange.objects.create(
        answer=answer, version=answer.version, old_value=old, new_value=value, changed_by=by
    )
    audit_log(actor=by, action="answer.change", target=response, before=old, after=value, question=code)
    return answer


def answers_save(*, response: Response, values: Mapping[str, Any], by: User) -> int:
    """Save changed answers, each with a new version and a history row. Returns how many."""
    definition = response.questionnaire.parsed
    unknown = set(values) - set(definition.questions_by_code)
    if unknown:
        raise ValueError(f"unknown question codes: {sorted(unknown)}")
    with transaction.atomic():
        response = response_lock_editable(response=response, by=by)
        current = {a.question_code: a for a in response.answers.select_for_update()}
        changed = 0
        for code, value in values.items():
            answer = current.get(code)
            if (answer is None and value in (None, "", [])) or (answer is not None and answer.value == value):
                continue
            answer_write(response=response, answer=answer, code=code, value=value, by=by)
            changed += 1
    return changed


def _guard_editable(response: Response, by: User) -> None:
    actors = actors_for(by, response)
    if not actors & {workflow.Actor.OFFICER, workflow.Actor.APPROVER}:
        raise TransitionError("forbidden", "only the agency's officers edit its response")
    if response.status not in workflow.EDITABLE:
        raise TransitionError("locked", "the response is not editable in its current status")
    if not response_is_open(response):
        raise TransitionError("closed", "the cycle is closed for this agency")


def response_transition(*, response: Response, action: str, by: User, comment: str = "") -> Response:
    """Move a response through the workflow: guard, write the event, rescore on commit."""
    with transaction.atomic():
        response = _locked(response)
        if action == "request_approval":
            _guard_complete(response)
        _transition(response, action, by, comment)
    return response


def _guard_complete(response: Response) -> None:
    """Approval is requested only for a complete response (the validation summary is empty)."""
    from .completeness import response_problems
    from .selectors import answers_of, evidence_states_of

    definition = response.questionnaire.parsed
    problems = response_problems(
        definition, answers_of(response=response), evidence_states_of(response_id=response.pk)
    )
    if problems:
        raise TransitionError("incomplete", f"{len(problems)} question(s) need attention before approval")


def _transition(response: Response, action: str, by: User, comment: str) -> None:
    transition = workflow.check(
        action,
        workflow.Status(response.status),
        actors_for(by, response),
        cycle_open=response_is_open(response),
        comment=comment,
    )
    before = response.status
    response.status = transition.target
    fields = ["status", "updated_at"]
    if transition.target == ResponseStatus.SUBMITTED:
        response.submitted_at = timezone.now()
        fields.append("submitted_at")
    response.save(update_fields=fields)
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
