"""Answering: one answer saved against its version, many saved at once, last year's answers copied.

Each use case checks its guard, then writes in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from agencies.audit import audit_log
from agencies.models import User
from surveys.domain.definition import Question
from surveys.models import (
    Answer,
    AnswerChange,
    Response,
)
from surveys.selectors.responses import answers_of, previous_answers
from surveys.services.transitions import guard_editable, response_lock_editable


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


class StaleAnswer(Exception):
    """The answer changed since the version the saver started from; `current` holds it now."""

    def __init__(self, current: Answer):
        self.current = current
        super().__init__(f"{current.question_code} is at version {current.version}")


def question_of(response: Response, code: str, *, file_ok: bool = False) -> Question:
    question = response.questionnaire.parsed.questions_by_code.get(code)
    if question is None or (question.type == "file" and not file_ok):
        raise ValueError(f"no answerable question {code!r} in {response.questionnaire.code}")
    return question


def answer_save(*, response: Response, question_code: str, value: Any, base_version: int, by: User) -> Answer:
    """Save one answer if nobody changed it since `base_version` (0: there was none).

    Saving the value it already holds succeeds whatever the version; a different value on a
    stale version raises StaleAnswer with the other person's answer, so nothing is overwritten.
    """
    question_of(response, question_code)
    with transaction.atomic():
        locked = response_lock_editable(response=response, by=by)
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(response=locked, question_code=question_code)
            .first()
        )
        if answer is None:
            return _create(locked, question_code, value, base_version, by)
        if answer.value == value:
            return answer
        if answer.version != base_version:
            raise StaleAnswer(answer)
        answer_write(response=locked, answer=answer, code=question_code, value=value, by=by)
    return answer


def _create(response: Response, code: str, value: Any, base_version: int, by: User) -> Answer:
    try:
        with transaction.atomic():
            answer = answer_write(response=response, answer=None, code=code, value=value, by=by)
    except IntegrityError:
        # Another person created it a moment ago: theirs stands, and this save is stale.
        current = Answer.objects.select_related("updated_by").get(response=response, question_code=code)
        if current.value == value:
            return current
        raise StaleAnswer(current) from None
    return answer


def answers_copy_previous(*, response: Response, by: User) -> int:
    """Copy last cycle's answers into this response's empty questions. Returns how many."""
    guard_editable(response, by)  # refused even when there is nothing to copy
    definition = response.questionnaire.parsed
    previous = previous_answers(response=response)
    current = answers_of(response=response)
    values = {}
    for code, value in previous.items():
        question = definition.questions_by_code.get(code)
        if question is None or question.type == "file" or current.get(code) not in (None, "", []):
            continue
        if _fits(question, value):
            values[code] = value
    return answers_save(response=response, values=values, by=by) if values else 0


def _fits(question: Question, value: Any) -> bool:
    """Whether last year's value is a valid answer to this year's question of the same code."""
    codes = {c.code for c in question.choices}
    if question.type == "single_choice":
        return value in codes
    if question.type == "multi_choice":
        return isinstance(value, list) and bool(value) and set(value) <= codes
    if question.type == "yes_no":
        return value in ("yes", "no")
    if question.type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str) and value != ""
