"""What the respondent's pages share: who may edit, the pillar of a question, transition errors in words."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from surveys.domain.workflow import EDITABLE, Actor, TransitionError
from surveys.models import Response

ERRORS = {
    "wrong_status": lambda: _("This step is not possible in the response's current status."),
    "forbidden": lambda: _("You do not have the role this step needs."),
    "closed": lambda: _("The survey is closed for your agency."),
    "comment_required": lambda: _("Please give a comment for this step."),
    "locked": lambda: _("The response is locked and cannot be edited now."),
    "incomplete": lambda: _("Some questions still need attention: the list below shows which."),
    "declaration_required": lambda: _("Tick the declaration to approve and submit the response."),
    "own_change": lambda: _("A second reviewer must confirm this change: you cannot confirm your own."),
    "decided": lambda: _("This change was already confirmed or replaced."),
}


def transition_error_message(exc: TransitionError) -> str:
    return ERRORS.get(exc.code, lambda: str(exc))()


def can_edit(response: Response, actors: set[Actor]) -> bool:
    return response.status in EDITABLE and bool(actors & {Actor.OFFICER, Actor.APPROVER})


def pillar_of(response: Response, code: str) -> str:
    for pillar in response.questionnaire.parsed.pillars:
        if any(q.code == code for q in pillar.all_questions()):
            return pillar.code
    raise Http404
