"""The respondent's pages: the agency's responses, pillar forms, workflow actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.http import AuthenticatedHttpRequest
from surveys.access import actors_for, can_see_score, response_for_user
from surveys.domain.progress import pillar_progress
from surveys.domain.workflow import EDITABLE, TRANSITIONS, Actor, Status, TransitionError
from surveys.forms import CommentForm
from surveys.models import ReviewProposal
from surveys.selectors.receipts import receipts_of
from surveys.selectors.responses import answers_of, responses_for_member, responses_named, score_card_of
from surveys.services.proposals import SECOND_EYES_ACTIONS, review_decide
from surveys.services.transitions import response_is_open, response_transition
from surveys.views.base import transition_error_message

# Which buttons each role sees on a response, in order.
ACTIONS_FOR = {
    Actor.OFFICER: ["request_approval", "withdraw"],
    Actor.APPROVER: ["request_approval", "approve", "send_back"],
    Actor.DGA_ADMIN: ["start_review", "accept", "return", "reopen"],
    Actor.REVIEWER: ["start_review", "accept", "return"],
}


@login_required
def my_responses(request: AuthenticatedHttpRequest) -> HttpResponse:
    responses = responses_named(responses_for_member(user=request.user))
    return render(request, "surveys/my_responses.html", {"responses": responses})


@login_required
def response_detail(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    actors = actors_for(request.user, response)
    answers = answers_of(response=response)
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
        "card": score_card_of(response=response) if can_see_score(request.user, response) else None,
        "can_see_score": can_see_score(request.user, response),
        "can_edit": status in EDITABLE and bool(actors & {Actor.OFFICER, Actor.APPROVER}),
        "is_open": response_is_open(response),
        "receipts": receipts_of(response=response),
    }
    return render(request, "surveys/response_detail.html", context)


@login_required
@require_POST
def response_action(request: AuthenticatedHttpRequest, public_id, action: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    if action not in TRANSITIONS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    declared = request.POST.get("declaration") == "on"  # the approver's declaration (check page)
    try:
        if action in SECOND_EYES_ACTIONS:  # four eyes: the same service as the review page
            done = review_decide(response=response, action=action, by=request.user, comment=comment)
        else:
            done = response_transition(
                response=response, action=action, by=request.user, comment=comment, declared=declared
            )
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, transition_error_message(exc))
        if exc.code in ("incomplete", "declaration_required"):
            return redirect("surveys:check", public_id=response.public_id)
    else:
        if isinstance(done, ReviewProposal):
            messages.info(
                request, _("The scores were adjusted: a second reviewer must confirm this decision.")
            )
        else:
            status = done.get_status_display()
            messages.success(request, _("Done: the response is now “%(status)s”.") % {"status": status})
    return redirect("surveys:response", public_id=response.public_id)
