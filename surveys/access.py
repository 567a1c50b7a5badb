"""Who may see and do what with a response, and which pages each role may open: the one place
every view and export asks. Built on the role predicates of agencies/roles.py."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from agencies import roles
from agencies.models import MembershipRole, User
from agencies.selectors import names_of_year
from surveys.domain.workflow import Actor
from surveys.models import (
    Evidence,
    Questionnaire,
    Response,
    ResponseStatus,
    ReviewAssignment,
    SubmissionReceipt,
)
from surveys.models.loading import (
    HeldAnswers,
    response_locked_with_answers,
    response_with_context,
    response_with_memberships,
)

# What evaluators see: responses that have left the agency.
EVALUATOR_STATUSES = (
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.ACCEPTED,
)

# What reviewers see of their assigned agencies: responses that reached DGA.
REVIEWER_STATUSES = (
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.RETURNED,
    ResponseStatus.ACCEPTED,
)


def reviewer_agency_ids(user: User) -> QuerySet:
    """The agencies assigned to the reviewer (a subquery of ids)."""
    return ReviewAssignment.objects.filter(reviewer=user).values("agency_id")


def is_assigned_reviewer(user: User, agency_id: int) -> bool:
    """A reviewer given this agency by a DGA admin."""
    return (
        roles.is_reviewer(user)
        and ReviewAssignment.objects.filter(reviewer=user, agency_id=agency_id).exists()
    )


def visible(user: User, via: str = "") -> Q:
    """The rule of responses_visible_to as a condition on a response (reached `via` a relation,
    e.g. "response__"), for a signed-in person who is not a DGA admin: no join repeats a row."""
    rule = Q(**{f"{via}agency_id__in": roles.member_agency_ids(user)})
    if roles.is_evaluator(user):
        rule |= Q(**{f"{via}status__in": EVALUATOR_STATUSES})
    if roles.is_reviewer(user):
        rule |= Q(**{f"{via}agency_id__in": reviewer_agency_ids(user), f"{via}status__in": REVIEWER_STATUSES})
    return rule


def responses_visible_to(user: User, *, with_agency: bool = True) -> QuerySet[Response]:
    """The responses the user may see, with their questionnaire, cycle, deadline and (unless
    `with_agency` is False: a page that never shows it) agency."""
    # The definition's JSON is parsed once per process (Questionnaire.parsed): never load it here.
    related = ("agency", "questionnaire", "cycle") if with_agency else ("questionnaire", "cycle")
    qs = Response.objects.select_related(*related).defer("questionnaire__definition").with_agency_deadline()
    if not roles.is_signed_in(user):
        return qs.none()
    if roles.is_dga_admin(user):
        return qs
    return qs.filter(visible(user))


def evidence_for_review(user: User, public_id: UUID | str) -> Evidence:
    """An evidence file with its response, agency, questionnaire and cycle, in one query, if the
    user may see the response (the rule of responses_visible_to); 404 otherwise. The agency keeps
    its current name (no names_of_year): the decision's reply does not show it."""
    found = Evidence.objects.select_related("response__agency", "response__questionnaire", "response__cycle")
    found = found.defer("response__questionnaire__definition")
    if not roles.is_signed_in(user):
        raise Http404
    if not roles.is_dga_admin(user):
        found = found.filter(visible(user, via="response__"))
    try:
        return found.get(public_id=public_id)
    except (Evidence.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def assigned_to(user: User, agency: str = "agency_id") -> Exists:
    """Whether the agency (an outer reference) is assigned to the user: an annotation, so the
    row a service locks carries its own review right (may_review) in the same statement."""
    return Exists(ReviewAssignment.objects.filter(reviewer_id=user.pk, agency_id=OuterRef(agency)))


def may_review(user: User, *, assigned: bool) -> bool:
    """can_review_response, given whether the response's agency is assigned to the user."""
    return roles.is_dga_admin(user) or (roles.is_reviewer(user) and assigned)


def may_see(user: User, response: Response) -> bool:
    """The rule of `visible` for one response already loaded, without a query for an agency's own
    people, DGA admins and evaluators (memberships are read once a request). The same rule as the
    condition; tests/surveys/test_access.py holds the two to the same answers."""
    if not roles.is_signed_in(user):
        return False
    if roles.is_dga_admin(user) or response.agency_id in roles.memberships(user):
        return True
    if roles.is_evaluator(user) and response.status in EVALUATOR_STATUSES:
        return True
    return (
        roles.is_reviewer(user)
        and response.status in REVIEWER_STATUSES
        and ReviewAssignment.objects.filter(reviewer=user, agency_id=response.agency_id).exists()
    )


def response_for_user(user: User, public_id: UUID | str, *, named: bool = True) -> Response:
    """The response if the user may see it; 404 otherwise, so outsiders learn nothing. Its agency
    bears the name in force during the response's cycle (agencies.selectors.names_of_year).
    `named=False` for a reply that never shows the agency (an autosave's fragment): the agency
    is neither loaded with it nor named. Read by its id in one plain statement
    (surveys.models.loading), which brings the person's memberships along when the request
    has not read them yet, then asked `may_see`."""
    try:
        if roles.memberships_wanted(user):  # brought along: one round trip fewer
            response, held = response_with_memberships(public_id, named=named, user_id=user.pk)
            if response is not None:
                roles.memberships_read(user, held)
        else:
            response = response_with_context(public_id, named=named)
    except (ValueError, ValidationError):
        raise Http404 from None
    if response is None:
        raise Http404
    if not may_see(user, response):
        raise Http404
    if named and getattr(response, "renamed", True):
        names_of_year([response.agency], response.year)
    return response


def response_for_user_locked(user: User, public_id: UUID | str) -> tuple[Response, HeldAnswers]:
    """An autosave's read: the response (unnamed, as `response_for_user(named=False)`) if the
    user may see it, 404 otherwise; its row locked for the caller's transaction and its answers
    (pk, question code, value, version) read in the same statement, with the person's
    memberships when the request has not read them. Call inside transaction.atomic(); a 404
    rolls it back, so the lock lasts no longer than the refusal."""
    wanted = roles.memberships_wanted(user)
    try:
        found = response_locked_with_answers(public_id, user_id=user.pk if wanted else None)
    except (ValueError, ValidationError):
        raise Http404 from None
    if found is None:
        raise Http404
    if found.memberships is not None:
        roles.memberships_read(user, found.memberships)
    if not may_see(user, found.response):
        raise Http404
    return found.response, found.answers


def questionnaire_for_user(user: User, code: str) -> Questionnaire:
    """A questionnaire by its code: published ones for every signed-in person, drafts for DGA
    admins only (who import and publish them); 404 otherwise."""
    found = Questionnaire.objects.filter(code=code)
    if not roles.is_dga_admin(user):
        found = found.filter(published_at__isnull=False)
    questionnaire = found.first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def receipt_for_user(user: User, fingerprint: str) -> SubmissionReceipt:
    """A submission receipt, for those who may see its response (the agency's people, DGA
    admins, evaluators); 404 for anyone else, as for the response itself."""
    receipt = SubmissionReceipt.objects.filter(fingerprint=fingerprint).only("pk", "response_id").first()
    if receipt is None:
        raise Http404
    response = responses_visible_to(user).filter(pk=receipt.response_id).first()
    if response is None:
        raise Http404
    found = SubmissionReceipt.objects.select_related("approved_by").get(pk=receipt.pk)
    found.response = response
    return found


def actors_for(user: User, response: Response) -> set[Actor]:
    actors: set[Actor] = set()
    if roles.is_dga_admin(user):
        actors.add(Actor.DGA_ADMIN)
    elif is_assigned_reviewer(user, response.agency_id):
        actors.add(Actor.REVIEWER)
    for role in roles.agency_roles(user, response.agency_id):
        actors.add(Actor.APPROVER if role == MembershipRole.APPROVER else Actor.OFFICER)
    return actors


def can_see_score(user: User, response: Response) -> bool:
    """Whether a user who may see the response may see its score card: DGA admins and
    evaluators always; the agency's own people once the cycle shows scores to agencies."""
    if roles.sees_all_agencies(user):
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
    return roles.is_dga_admin(user)


def can_review(user: User) -> bool:
    """DGA admins and reviewers open the review pages (each sees only what it may review)."""
    return roles.reviews(user)


def can_review_response(user: User, response: Response) -> bool:
    """DGA admins review every response; a reviewer those of the agencies assigned to them."""
    return roles.is_dga_admin(user) or is_assigned_reviewer(user, response.agency_id)


# Page-level checks: each raises PermissionDenied (403) for a signed-in person without the role;
# views are behind login_required, so the signed-out are sent to the sign-in page first.


def require_reviewer(user: User) -> None:
    """Review pages and a response's audit log: DGA admins and reviewers."""
    if not can_review(user):
        raise PermissionDenied


def require_rescorer(user: User) -> None:
    """Rescoring a questionnaire: DGA admins."""
    if not can_rescore(user):
        raise PermissionDenied


def require_dga_admin(user: User) -> None:
    """The DGA's own decisions outside review: ranking, closing a panel, publishing, exports of
    every response, a person's audit log, assigning agencies to reviewers."""
    if not roles.is_dga_admin(user):
        raise PermissionDenied


def require_all_agencies_reader(user: User) -> None:
    """Pages across every agency (cycle, dashboard, registry, rankings): DGA admins and evaluators."""
    if not roles.sees_all_agencies(user):
        raise PermissionDenied
