"""Who may see and do what with a response: the one place every view and export asks."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from agencies.models import Membership, MembershipRole, User
from surveys.domain.workflow import Actor
from surveys.models import Response, ResponseStatus

# What evaluators see: responses that have left the agency.
EVALUATOR_STATUSES = (
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.ACCEPTED,
)


def responses_visible_to(user: User) -> QuerySet[Response]:
    # The definition's JSON is parsed once per process (Questionnaire.parsed): never load it here.
    qs = (
        Response.objects.select_related("agency", "questionnaire", "cycle")
        .defer("questionnaire__definition")
        .with_agency_deadline()
    )
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_dga_admin:
        return qs
    agency_ids = Membership.objects.filter(user=user).values("agency_id")
    member = qs.filter(agency_id__in=agency_ids)
    if user.is_evaluator:
        return (member | qs.filter(status__in=EVALUATOR_STATUSES)).distinct()
    return member


def response_for_user(user: User, public_id: UUID | str) -> Response:
    """The response if the user may see it; 404 otherwise, so outsiders learn nothing."""
    try:
        return responses_visible_to(user).get(public_id=public_id)
    except (Response.DoesNotExist, ValueError):
        raise Http404 from None


def actors_for(user: User, response: Response) -> set[Actor]:
    actors: set[Actor] = set()
    if not user.is_authenticated or not user.is_active:
        return actors
    if user.is_dga_admin:
        actors.add(Actor.DGA_ADMIN)
    roles = Membership.objects.filter(user=user, agency_id=response.agency_id).values_list("role", flat=True)
    for role in roles:
        actors.add(Actor.APPROVER if role == MembershipRole.APPROVER else Actor.OFFICER)
    return actors


def can_see_score(user: User, response: Response) -> bool:
    """Whether a user who may see the response may see its score card: DGA admins and
    evaluators always; the agency's own people once the cycle shows scores to agencies."""
    if user.is_dga_admin or user.is_evaluator:
        return True
    return bool(response.cycle and response.cycle.scores_visible_to_agencies)


def scored_response_for_user(user: User, public_id: UUID | str) -> Response:
    """The response behind a score page: 404 if the user may not see it, 403 if they may see
    the response but not (yet) its score."""
    response = response_for_user(user, public_id)
    if not can_see_score(user, response):
        raise PermissionDenied
    return response


def can_rescore(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_dga_admin)


def can_review(user: User) -> bool:
    """DGA admins review responses, read the audit log and export."""
    return bool(user.is_authenticated and user.is_active and user.is_dga_admin)
