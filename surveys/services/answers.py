"""Answering: one answer saved against its version, many saved at once, last year's answers copied.

Each use case checks its guard, then writes in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import router, transaction

from agencies.audit import audit_event, audit_log
from agencies.models import User
from common.writes import insert, run_at_once, update
from surveys.domain.conditions import visibility
from surveys.domain.definition import Definition, Question
from surveys.domain.workflow import Actor
from surveys.models import (
    Answer,
    AnswerChange,
    Response,
)
from surveys.models.loading import HeldAnswers
from surveys.selectors.responses import answers_of, previous_answers
from surveys.services.transitions import (
    guard_editable,
    response_lock_editable,
    response_lock_editable_with_answers,
)


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


class HiddenQuestion(Exception):
    """The question is hidden by its conditions (`visible_if`): it takes no answer now."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(f"{code} is hidden by its conditions")


@dataclass(frozen=True)
class SavedAnswer:
    """What one save leaves: the answer, every answer's value (for the progress bars, without
    reading them again), and the answers the save hid and so cleared (code → new version)."""

    answer: Answer
    values: dict[str, Any]
    cleared: dict[str, int] = field(default_factory=dict)


def question_of(response: Response, code: str, *, file_ok: bool = False) -> Question:
    question = response.questionnaire.parsed.questions_by_code.get(code)
    if question is None or (question.type == "file" and not file_ok):
        raise ValueError(f"no answerable question {code!r} in {response.questionnaire.code}")
    return question


def answer_save(*, response: Response, question_code: str, value: Any, base_version: int, by: User) -> Answer:
    """Save one answer if nobody changed it since `base_version` (see `answer_autosave`)."""
    saved = answer_autosave(
        response=response, question_code=question_code, value=value, base_version=base_version, by=by
    )
    return saved.answer


# An answer row as the save reads it: (pk, value, version).
_Row = tuple[int, Any, int]


def answer_autosave(
    *,
    response: Response,
    question_code: str,
    value: Any,
    base_version: int,
    by: User,
    actors: set[Actor] | None = None,
    held: HeldAnswers | None = None,
) -> SavedAnswer:
    """Save one answer if nobody changed it since `base_version` (0: there was none).

    Saving the value it already holds succeeds whatever the version; a different value on a
    stale version raises StaleAnswer with the other person's answer, so nothing is overwritten.
    A question hidden by its conditions is refused (HiddenQuestion); answers this save hides
    are cleared, each with its history row and audit row.

    The response's row lock (taken once) orders every writer of its answers, so the answers are
    read once, without locks of their own, in the statement that takes it: one SELECT, then one
    UPDATE (or INSERT), one history row and one audit row. `actors` (who `by` is to the response,
    already asked) spares the role query inside the lock; the status and the deadline are checked
    on the locked row. `held`: the answers, when the caller's open transaction has read them
    with the response in the statement that took its lock (surveys.access.response_for_user_locked):
    the save then runs in that transaction, without a savepoint of its own.
    """
    question_of(response, question_code)
    definition = response.questionnaire.parsed
    with transaction.atomic(savepoint=held is None):
        # The response as the caller read it (its cycle, its deadline); the status again and the
        # answers in the statement that takes the lock, unless the caller read them so.
        locked, held = response_lock_editable_with_answers(response=response, by=by, actors=actors, held=held)
        rows: dict[str, _Row] = {code: (pk, current, version) for pk, code, current, version in held}
        values = {code: row[1] for code, row in rows.items()}
        if not visibility(definition, values)[question_code]:
            raise HiddenQuestion(question_code)
        row = rows.get(question_code)
        if row is not None and row[1] == value:
            return SavedAnswer(_answer(row[0]), values)
        if row is not None and row[2] != base_version:
            raise StaleAnswer(_answer(row[0]))
        answer = _write(locked, question_code, row, value, by)
        values[question_code] = value
        cleared = _clear_hidden(locked, definition, rows, values, by)
    return SavedAnswer(answer, values, cleared)


def _answer(pk: int) -> Answer:
    return Answer.objects.select_related("updated_by").get(pk=pk)


def _write(response: Response, code: str, row: _Row | None, value: Any, by: User) -> Answer:
    """One answer written in place (or created), with its history row and its audit row: in one
    round trip when the answer exists (common.writes), in two when it is new (its key is read
    back for its history row)."""
    if row is None:
        answer = Answer.objects.create(response=response, question_code=code, value=value, updated_by=by)
        old = None
        writes = []
    else:
        pk, old, version = row
        answer = Answer(
            pk=pk, response=response, question_code=code, value=value, version=version + 1, updated_by=by
        )
        # updated_at is the field's own (auto_now): the time now, as the ORM's save sets it.
        writes = [update(answer, ("value", "version", "updated_by", "updated_at"))]
    change = AnswerChange(
        answer_id=answer.pk, version=answer.version, old_value=old, new_value=value, changed_by=by
    )
    audit = audit_event(
        actor=by, action="answer.change", target=response, before=old, after=value, question=code
    )
    run_at_once([*writes, insert(change), insert(audit)], using=router.db_for_write(Answer))
    return answer


def _clear_hidden(
    response: Response, definition: Definition, rows: dict[str, _Row], values: dict[str, Any], by: User
) -> dict[str, int]:
    """Empty the answers that `values` hides (a condition no longer holds); code → new version."""
    visible = visibility(definition, values)
    cleared: dict[str, int] = {}
    for code, row in rows.items():
        if visible.get(code, True) or values.get(code) in (None, "", []):
            continue
        cleared[code] = _write(response, code, row, None, by).version
        values[code] = None
    return cleared


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
    # Copied in order, a question stays empty if the answers copied with it hide it.
    visible = visibility(definition, {**current, **values})
    values = {code: value for code, value in values.items() if visible[code]}
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
