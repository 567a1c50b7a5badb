"""The respondent's pages: the agency's responses, pillar forms, workflow actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import actors_for, can_see_score, response_for_user
from ..forms import CommentForm
from ..progress import pillar_progress
from ..workflow import EDITABLE, TRANSITIONS, Actor, Status, TransitionError

ERRORS = {
    "wrong_status": lambda: _("This step is not possible in the response's current status."),
    "forbidden": lambda: _("You do not have the role this step needs."),
    "closed": lambda: _("The survey is closed for your agency."),
    "comment_required": lambda: _("Please give a comment for this step."),
    "locked": lambda: _("The response is locked and cannot be edited now."),
    "incomplete": lambda: _("Some questions still need attention: see the list below."),
}

# Which buttons each role sees on a response, in order.
ACTIONS_FOR = {
    Actor.OFFICER: ["request_approval"],
    Actor.APPROVER: ["request_approval", "approve", "send_back"],
    Actor.DGA_ADMIN: ["start_review", "accept", "return", "reopen"],
}


def _error(exc: TransitionError) -> str:
    return ERRORS.get(exc.code, lambda: str(exc))()


@login_required
def my_responses(request: HttpRequest) -> HttpResponse:
    responses = selectors.responses_for_member(user=request.user)
    return render(request, "surveys/my_responses.html", {"responses": responses})


@login_required
def response_detail(request: HttpRequest, public_id) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    actors = actors_for(request.user, response)
    answers = selectors.answers_of(response=response)
    status = Status(response.status)
    actions = []
    for actor in sorted(actors):
        for action in ACTIONS_FOR.get(actor, []):
            if status in TRANSITIONS[action].sources and action not in actions:
                actions.append(action)
    context = {
        "response": response,
        "progress": pillar_progress(response.questionnaire.parsed, answers),
        "actions": actions,
        "comment_form": CommentForm(),
        "events": response.events.select_related("actor"),
        "card": selectors.score_card_of(response=response) if can_see_score(request.user, response) else None,
        "can_see_score": can_see_score(request.user, response),
        "can_edit": status in EDITABLE and bool(actors & {Actor.OFFICER, Actor.APPROVER}),
        "is_open": services.response_is_open(response),
    }
    return render(request, "surveys/response_detail.html", context)


@login_required
@require_POST
def response_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    if action not in TRANSITIONS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        response = services.response_transition(
            response=response, action=action, by=request.user, comment=comment
        )
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, _error(exc))
    else:
        status = response.get_status_display()
        messages.success(request, _("Done: the response is now “%(status)s”.") % {"status": status})
    return redirect("surveys:response", public_id=response.public_id)
