"""The form: pillar pages, one-answer autosave, history, last year's answers, the validation
summary, the whole response read-only (for the approver and for print), session keep-alive."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.http import AuthenticatedHttpRequest
from common.ratelimit import within_rate
from surveys.access import actors_for, response_for_user, response_for_user_locked
from surveys.domain.completeness import blocking, response_problems, warnings
from surveys.domain.conditions import condition_refs, visibility
from surveys.domain.definition import Node, Question
from surveys.domain.progress import pillar_progress
from surveys.domain.workflow import TRANSITIONS, Actor, Status, TransitionError
from surveys.forms import AnswerForm, CommentForm
from surveys.models import Answer, Response
from surveys.selectors.pillar import PillarFacts, pillar_facts
from surveys.selectors.responses import (
    answer_history as answer_history_of,
)
from surveys.selectors.responses import answers_of, evidence_states_of
from surveys.services.answers import HiddenQuestion, StaleAnswer, answers_copy_previous
from surveys.services.answers import answer_autosave as save_one_answer
from surveys.services.transitions import guard_editable, response_is_open
from surveys.views.base import can_edit, pillar_of, transition_error_message

HISTORY_PER_PAGE = 50
EMPTY: tuple[Any, ...] = (None, "", [])


@dataclass
class QuestionRow:
    question: Question
    answer: Answer | None
    visible: bool
    evidence: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    previous: Any = None

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def visible_if_json(self) -> str:
        return json.dumps(self.question.visible_if) if self.question.visible_if else ""

    @property
    def takes_evidence(self) -> bool:
        return self.question.takes_evidence


def _pillar(response: Response, code: str) -> Node:
    pillar = next((p for p in response.questionnaire.parsed.pillars if p.code == code), None)
    if pillar is None:
        raise Http404
    return pillar


def _rows(
    response: Response, questions: list[Question], facts: PillarFacts | None = None
) -> list[QuestionRow]:
    """Everything shown beside each question, in one statement (surveys.selectors.pillar)."""
    if facts is None:
        facts = pillar_facts(response=response)
    values = {code: a.value for code, a in facts.answers.items()}
    visible = visibility(response.questionnaire.parsed, values)
    return [
        QuestionRow(
            question=q,
            answer=facts.answers.get(q.code),
            visible=visible[q.code],
            evidence=facts.evidence.get(q.code, []),
            comments=facts.comments.get(q.code, []),
            previous=facts.previous.get(q.code),
        )
        for q in questions
    ]


def _sections(pillar: Node, rows: list[QuestionRow]) -> list[tuple[Node | None, list[QuestionRow]]]:
    by_code = {row.question.code: row for row in rows}
    sections: list[tuple[Node | None, list[QuestionRow]]] = (
        [(None, [by_code[q.code] for q in pillar.questions])] if pillar.questions else []
    )
    sections += [(ind, [by_code[q.code] for q in ind.questions]) for ind in pillar.indicators]
    return sections


def _condition_context(response: Response, values: dict, on_page: set[str]) -> dict:
    """Saved answers and visibility of questions other pages hold that this page's conditions read."""
    definition = response.questionnaire.parsed
    read = {ref for code in on_page for ref in condition_refs(definition.questions_by_code[code].visible_if)}
    read -= on_page
    if not read:
        return {"answers": {}, "visible": {}}
    visible = visibility(definition, values)
    return {
        "answers": {c: values.get(c) for c in sorted(read)},
        "visible": {c: visible[c] for c in sorted(read)},
    }


def _next_steps(response: Response, pillar: Node, rows: list[QuestionRow], progress: list) -> dict:
    """Where to go from this page: the next pillar, and the next question still unanswered
    (on this page first, then in the first pillar with one open)."""
    pillars = list(response.questionnaire.parsed.pillars)
    at = next(i for i, p in enumerate(pillars) if p.code == pillar.code)
    following = pillars[at + 1] if at + 1 < len(pillars) else None
    open_here = next(
        (
            row.question.code
            for row in rows
            if row.visible
            and row.question.type != "file"
            and (row.answer is None or row.answer.value in EMPTY)
        ),
        None,
    )
    if open_here is not None:
        next_open = f"#q-{open_here}"
    else:
        later = [*progress[at + 1 :], *progress[:at]]
        pending = next((p.pillar.code for p in later if p.answered < p.total), None)
        next_open = reverse("surveys:pillar", args=[response.public_id, pending]) if pending else ""
    return {"next_pillar": following, "next_open": next_open}


@login_required
@require_GET
def pillar_edit(request: AuthenticatedHttpRequest, public_id, pillar_code: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    pillar = _pillar(response, pillar_code)
    editable = can_edit(response, actors_for(request.user, response)) and response_is_open(response)
    questions = pillar.all_questions()
    facts = pillar_facts(response=response)
    rows = _rows(response, questions, facts)
    answers = {code: a.value for code, a in facts.answers.items()}
    progress = pillar_progress(response.questionnaire.parsed, answers)
    context = {
        "response": response,
        "pillar": pillar,
        "pillar_title": pillar.title.get(get_language()),
        "sections": _sections(pillar, rows),
        "editable": editable,
        "progress": progress,
        "has_previous": any(row.previous is not None for row in rows) and editable,
        "has_required": any(q.required for q in questions),
        "conditions": _condition_context(response, answers, {q.code for q in questions}),
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning": settings.SESSION_WARNING_SECONDS,
        **_next_steps(response, pillar, rows, progress),
    }
    return render(request, "surveys/pillar.html", context)


def _state(request, response, question, answer, *, status: int = 200, values=None, **extra) -> HttpResponse:
    if values is None:  # a refusal: the answers as they stand
        values = answers_of(response=response)
    context = {
        "response": response,
        "q": question,
        "answer": answer,
        "progress": pillar_progress(response.questionnaire.parsed, values),
        "pillar": _pillar(response, pillar_of(response, question.code)),
        **extra,
    }
    # A fragment: rendered without the page's context processors (the navigation's queries).
    return HttpResponse(render_to_string("surveys/_autosave_result.html", context), status=status)


@require_POST
def answer_autosave(request: HttpRequest, public_id, question_code: str) -> HttpResponse:
    """Save one answer. htmx gets the question's new state; a plain form post is redirected."""
    htmx = request.headers.get("HX-Request") == "true"
    if not request.user.is_authenticated:
        if not htmx:
            return redirect_to_login(request.get_full_path())
        return render(request, "surveys/_session_ended.html", {"q_code": question_code}, status=401)
    try:
        with transaction.atomic():
            # One statement reads the response (never named: its replies don't show the agency; a
            # plain form post is redirected to the pillar page), takes its row lock and reads its
            # answers; the save runs in this transaction.
            response, held = response_for_user_locked(request.user, public_id)
            values = {code: value for _pk, code, value, _version in held}
            question = response.questionnaire.parsed.questions_by_code.get(question_code)
            if question is None or question.type == "file":
                raise Http404
            if not within_rate(f"autosave:{request.user.pk}", settings.AUTOSAVE_MAX_PER_MINUTE, 60):
                failure = _("Too many saves in a minute: wait a moment, then save again.")
                return _state(request, response, question, None, status=429, failure=failure, values=values)
            # Who may write, before a byte of the value is parsed; asked once for the whole save.
            actors = actors_for(request.user, response)
            guard_editable(response, request.user, actors)
            form = AnswerForm(request.POST, question=question)
            if not form.is_valid():
                invalid = form.errors.get(question_code)
                return _state(request, response, question, None, status=422, errors=invalid, values=values)
            saved = save_one_answer(
                response=response,
                question_code=question_code,
                value=form.answer_value(),
                base_version=form.base_version(),
                by=request.user,
                actors=actors,
                held=held,
            )
    except StaleAnswer as stale:
        return _state(request, response, question, stale.current, status=409, conflict=True)
    except HiddenQuestion:
        errors = [_("This question is hidden by other answers: it takes no answer now.")]
        return _state(request, response, question, None, status=422, errors=errors)
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        return _state(request, response, question, None, status=423, failure=transition_error_message(exc))
    if not htmx:
        messages.success(request, _("Saved."))
        url = reverse("surveys:pillar", args=[response.public_id, pillar_of(response, question_code)])
        return redirect(f"{url}#q-{question_code}")
    return _state(
        request, response, question, saved.answer, saved=True, values=saved.values, cleared=saved.cleared
    )


@login_required
@require_POST
def copy_previous(request: AuthenticatedHttpRequest, public_id, pillar_code: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    try:
        copied = answers_copy_previous(response=response, by=request.user)
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, transition_error_message(exc))
    else:
        messages.success(
            request, _("Copied %(n)d answer(s) from last year into empty questions.") % {"n": copied}
        )
    return redirect("surveys:pillar", public_id=response.public_id, pillar_code=pillar_code)


@login_required
@require_GET
def answer_history(request: AuthenticatedHttpRequest, public_id, question_code: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    question = response.questionnaire.parsed.questions_by_code.get(question_code)
    if question is None:
        raise Http404
    changes = answer_history_of(response=response, question_code=question_code)
    context = {
        "response": response,
        "q": question,
        "page": Paginator(changes, HISTORY_PER_PAGE).get_page(request.GET.get("page")),
        "pillar_code": pillar_of(response, question_code),
    }
    return render(request, "surveys/answer_history.html", context)


def _problems(response: Response) -> list:
    return response_problems(
        response.questionnaire.parsed,
        answers_of(response=response),
        evidence_states_of(response_id=response.pk),
    )


@login_required
@require_GET
def response_check(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """The validation summary: what blocks a request for approval, what will score 0 for lack
    of evidence (warnings), and the step the person may take now (request, or approve with the
    declaration)."""
    response = response_for_user(request.user, public_id)
    actors = actors_for(request.user, response)
    problems = _problems(response)
    context = {
        "response": response,
        "blocking": blocking(problems),
        "warnings": warnings(problems),
        "can_request": _may(response, actors, "request_approval") and not blocking(problems),
        "can_approve": _may(response, actors, "approve") and not blocking(problems),
        "is_open": response_is_open(response),
    }
    return render(request, "surveys/response_check.html", context)


def _may(response: Response, actors: set[Actor], action: str) -> bool:
    transition = TRANSITIONS[action]
    return Status(response.status) in transition.sources and bool(actors & transition.actors)


@login_required
@require_GET
def response_full(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """The whole response, read-only: what the approver reads before approving, and what prints."""
    response = response_for_user(request.user, public_id)
    actors = actors_for(request.user, response)
    definition = response.questionnaire.parsed
    rows = _rows(response, list(definition.iter_questions()))
    pillars = [(pillar, _sections(pillar, rows)) for pillar in definition.pillars]
    status = Status(response.status)
    actions = [
        a for a in ("approve", "send_back") if Actor.APPROVER in actors and status in TRANSITIONS[a].sources
    ]
    context = {
        "response": response,
        "pillars": pillars,
        "actions": actions,
        "comment_form": CommentForm(),
        "events": response.events.select_related("actor"),
        "is_open": response_is_open(response),
        "today": timezone.localdate(),
    }
    return render(request, "surveys/response_full.html", context)


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """Renews the session (every request does); 401 once it has ended."""
    return HttpResponse(status=204 if request.user.is_authenticated else 401)
