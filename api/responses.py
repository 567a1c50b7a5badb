"""Responses, their answers (read and saved through the autosave's service), evidence metadata
(and upload through the page's service) and score cards: each object found through api.auth,
which asks surveys/access.py."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import get_language
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import CursorPagination, paginate

from agencies.models import ApiScope
from api.auth import require_scope, response_of, visible_responses
from api.schemas import (
    READ_ERRORS,
    AnswerIn,
    AnswerOut,
    Conflict,
    Error,
    EvidenceOut,
    Invalid,
    ResponseOut,
    ScoreCardOut,
    ScoreLine,
)
from surveys import access
from surveys.domain.scoring import ScoreCard
from surveys.explain import card_lines
from surveys.files.uploads import UploadRejected
from surveys.forms import AnswerForm
from surveys.models import Answer, Evidence, ResponseStatus
from surveys.selectors.responses import answers_with_authors, evidence_by_question, score_card_of
from surveys.services.answers import HiddenQuestion, StaleAnswer, answer_save
from surveys.services.evidence import evidence_add

router = Router(tags=["responses"])
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Error, 409: Conflict, 422: Invalid, 423: Error}


@router.get("/responses", response={200: list[ResponseOut], **READ_ERRORS}, summary="Responses you may read")
@paginate(CursorPagination, ordering=("-updated_at",), page_size=50)
def list_responses(
    request: HttpRequest,
    cycle: int | None = None,
    status: ResponseStatus | None = None,
    agency: str | None = None,
):
    found = visible_responses(request).order_by("-updated_at")
    if cycle is not None:
        found = found.filter(cycle__year=cycle)
    if status:
        found = found.filter(status=status)
    if agency:
        found = found.filter(agency__code=agency)
    return found


@router.get("/responses/{uuid:public_id}", response={200: ResponseOut, **READ_ERRORS}, summary="One response")
def get_response(request: HttpRequest, public_id: UUID):
    return response_of(request, public_id)


@router.get(
    "/responses/{uuid:public_id}/answers",
    response={200: list[AnswerOut], **READ_ERRORS},
    summary="A response's answers, each with its version",
)
def list_answers(request: HttpRequest, public_id: UUID):
    response = response_of(request, public_id)
    return list(answers_with_authors(response=response).values())


def _form_data(value: Any) -> QueryDict:
    """The value as the autosave's form posts it, so the API validates exactly as the page."""
    data = QueryDict(mutable=True)
    if isinstance(value, list):
        data.setlist("answer", [str(v) for v in value])
    elif value is not None:
        data["answer"] = str(value)
    return data


def _validated(question: Any, body: AnswerIn) -> tuple[Any, list[str]]:
    raw = _form_data(body.value)
    data = QueryDict(mutable=True)
    data.setlist(question.code, raw.getlist("answer"))
    data["version"] = str(body.version)
    form = AnswerForm(data, question=question)
    if not form.is_valid():
        return None, [str(e) for e in form.errors.get(question.code, form.errors.get("version", []))]
    return form.answer_value(), []


@router.put(
    "/responses/{uuid:public_id}/answers/{question_code}",
    response={200: AnswerOut, **WRITE_ERRORS},
    summary="Save one answer against its version (as the form's autosave)",
)
def save_answer(request: HttpRequest, public_id: UUID, question_code: str, body: AnswerIn):
    user = require_scope(request, ApiScope.ANSWER)
    response = response_of(request, public_id, ApiScope.ANSWER)
    question = response.questionnaire.parsed.questions_by_code.get(question_code)
    if question is None or question.type == "file":
        raise Http404
    value, errors = _validated(question, body)
    if errors:
        return Status(422, {"detail": "invalid answer", "errors": errors})
    try:
        answer = answer_save(
            response=response, question_code=question_code, value=value, base_version=body.version, by=user
        )
    except StaleAnswer as stale:
        return Status(409, {"detail": "the answer changed since your version", "current": stale.current})
    except HiddenQuestion:
        return Status(
            422, {"detail": "invalid answer", "errors": ["the question is hidden by its conditions"]}
        )
    return Answer.objects.select_related("updated_by").get(pk=answer.pk)


def evidence_out(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.public_id,
        "question_code": evidence.question_code,
        "original_name": evidence.original_name,
        "content_type": evidence.content_type,
        "size": evidence.size,
        "review_state": evidence.review_state,
        "uploaded_at": evidence.uploaded_at,
        "download_url": reverse("surveys:evidence", args=[evidence.public_id]),
    }


@router.get(
    "/responses/{uuid:public_id}/evidence",
    response={200: list[EvidenceOut], **READ_ERRORS},
    summary="Evidence metadata (never the files' contents)",
)
def list_evidence(request: HttpRequest, public_id: UUID):
    response = response_of(request, public_id)
    return [evidence_out(e) for files in evidence_by_question(response=response).values() for e in files]


@router.post(
    "/responses/{uuid:public_id}/answers/{question_code}/evidence",
    response={201: EvidenceOut, **WRITE_ERRORS},
    summary="Attach a file to a question (the same checks as the page)",
)
def upload_evidence(request: HttpRequest, public_id: UUID, question_code: str, file: File[UploadedFile]):
    user = require_scope(request, ApiScope.ANSWER)
    response = response_of(request, public_id, ApiScope.ANSWER)
    if question_code not in response.questionnaire.parsed.questions_by_code:
        raise Http404
    try:
        evidence = evidence_add(response=response, question_code=question_code, upload=file, by=user)
    except UploadRejected as exc:
        return Status(422, {"detail": "file refused", "errors": [exc.code]})
    return Status(201, evidence_out(evidence))


@router.get(
    "/responses/{uuid:public_id}/score",
    response={200: ScoreCardOut, **READ_ERRORS},
    summary="The score card with the reason for each question's score",
)
def get_score(request: HttpRequest, public_id: UUID):
    user = require_scope(request, ApiScope.READ)
    response = response_of(request, public_id)
    if not access.can_see_score(user, response):
        raise PermissionDenied
    stored = score_card_of(response=response)
    if stored is None:
        raise Http404
    card = ScoreCard.from_dict(stored.card)
    lines = card_lines(response.questionnaire.parsed, card, get_language() or "th")
    reasons: list[ScoreLine] = []
    stack = list(lines)
    while stack:
        node = stack.pop(0)
        reasons += [ScoreLine(code=q.code, score=q.score, reason=q.reason) for q in node.questions]
        stack = node.indicators + stack
    return {
        "total": stored.total,
        "band": stored.band,
        "computed_at": stored.computed_at,
        "card": stored.card,
        "reasons": reasons,
    }
