"""The respondent's use cases: one answer saved against its version, last year's answers
copied, evidence attached and removed, DGA's comments on questions, deadlines extended.
Each checks its guard, then writes in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from agencies.audit import audit_log
from agencies.models import User

from . import selectors
from .definition import Question
from .models import Answer, CycleTarget, Evidence, Response, ReviewComment
from .services import _guard_editable, answer_write, answers_save, response_lock_editable
from .uploads import check_upload, clean_name
from .workflow import TransitionError


class StaleAnswer(Exception):
    """The answer changed since the version the saver started from; `current` holds it now."""

    def __init__(self, current: Answer):
        self.current = current
        super().__init__(f"{current.question_code} is at version {current.version}")


def _question(response: Response, code: str, *, file_ok: bool = False) -> Question:
    question = response.questionnaire.parsed.questions_by_code.get(code)
    if question is None or (question.type == "file" and not file_ok):
        raise ValueError(f"no answerable question {code!r} in {response.questionnaire.code}")
    return question


def answer_save(*, response: Response, question_code: str, value: Any, base_version: int, by: User) -> Answer:
    """Save one answer if nobody changed it since `base_version` (0: there was none).

    Saving the value it already holds succeeds whatever the version; a different value on a
    stale version raises StaleAnswer with the other person's answer, so nothing is overwritten.
    """
    _question(response, question_code)
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
    _guard_editable(response, by)  # refused even when there is nothing to copy
    definition = response.questionnaire.parsed
    previous = selectors.previous_answers(response=response)
    current = selectors.answers_of(response=response)
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


def evidence_add(*, response: Response, question_code: str, upload: UploadedFile, by: User) -> Evidence:
    """Attach a file to a question; refused (UploadRejected) by size or by its content's type."""
    _question(response, question_code, file_ok=True)
    kind = check_upload(upload, upload.size or 0, settings.EVIDENCE_MAX_MB * 1024 * 1024)
    with transaction.atomic():
        locked = response_lock_editable(response=response, by=by)
        evidence = Evidence(
            response=locked,
            question_code=question_code,
            original_name=clean_name(upload.name or ""),
            content_type=kind.mime,
            extension=f".{kind.extension}",
            size=upload.size,
            uploaded_by=by,
        )
        evidence.file.save("upload", upload, save=False)
        try:
            evidence.save()
            audit_log(
                actor=by, action="evidence.add", target=locked, after=evidence.original_name,
                question=question_code, evidence=str(evidence.public_id), size=evidence.size,
            )  # fmt: skip
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_remove(*, evidence: Evidence, by: User) -> None:
    """Remove a file while its response is editable; the stored file goes once the row has."""
    with transaction.atomic():
        locked = response_lock_editable(response=evidence.response, by=by)
        name, storage = evidence.file.name, evidence.file.storage
        audit_log(
            actor=by, action="evidence.remove", target=locked, before=evidence.original_name,
            question=evidence.question_code, evidence=str(evidence.public_id),
        )  # fmt: skip
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(name))


def review_comment_add(*, response: Response, question_code: str, body: str, by: User) -> ReviewComment:
    """DGA's comment on one question, shown to the agency beside it."""
    if not by.is_dga_admin:
        raise TransitionError("forbidden", "only DGA comments on questions")
    _question(response, question_code, file_ok=True)
    if not body.strip():
        raise TransitionError("comment_required", "a comment needs text")
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            response=response, question_code=question_code, body=body.strip(), author=by
        )
        audit_log(actor=by, action="comment.add", target=response, after=comment.body, question=question_code)
    return comment


def cycle_target_extend(*, target: CycleTarget, until: date, by: User) -> CycleTarget:
    """Give one agency until `until` (inclusive) to submit."""
    if not by.is_dga_admin:
        raise TransitionError("forbidden", "only DGA extends deadlines")
    if until < target.cycle.opens_on:
        raise ValueError("an extension cannot end before the cycle opens")
    with transaction.atomic():
        before = CycleTarget.objects.select_for_update().get(pk=target.pk).deadline
        CycleTarget.objects.filter(pk=target.pk).update(deadline=until)
        audit_log(
            actor=by, action="deadline.extend", target=target, before=str(before) if before else None,
            after=str(until), agency=target.agency.code,
        )  # fmt: skip
    target.deadline = until
    return target
