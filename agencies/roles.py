"""Who a person is in the portal: every role predicate, written once.

The DGA-wide roles are flags on the user; the agency roles (officer, approver) are memberships.
A person who is signed out or deactivated has no role at all. Views, services, the navigation
and the object rules (surveys/access.py) ask here instead of reading the flags themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from agencies.models import Membership, MembershipRole


def is_signed_in(user: Any) -> bool:
    """Authenticated and active: the only people any role applies to."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_dga_admin(user: Any) -> bool:
    """Runs the survey year: reviews responses, rescores, exports, publishes awards."""
    return is_signed_in(user) and bool(user.is_dga_admin)


def is_evaluator(user: Any) -> bool:
    """Sees rankings and scores panel awards."""
    return is_signed_in(user) and bool(user.is_evaluator)


def is_reviewer(user: Any) -> bool:
    """DGA staff or a consultant: reviews the agencies assigned to them; administers nothing."""
    return is_signed_in(user) and bool(user.is_reviewer)


def reviews(user: Any) -> bool:
    """Opens the review pages: DGA admins (every agency) and reviewers (their assigned agencies)."""
    return is_dga_admin(user) or is_reviewer(user)


def sees_all_agencies(user: Any) -> bool:
    """DGA admins and evaluators: the registry, cycle pages, dashboards, rankings and every
    score card of the responses they may see."""
    return is_dga_admin(user) or is_evaluator(user)


def member_agency_ids(user: Any) -> QuerySet:
    """The agencies the user is an officer or approver of (a subquery of ids)."""
    return Membership.objects.filter(user=user).values("agency_id")


def agency_roles(user: Any, agency_id: int) -> set[str]:
    """The user's membership roles in one agency: officer, approver, or none."""
    if not is_signed_in(user):
        return set()
    return set(Membership.objects.filter(user=user, agency_id=agency_id).values_list("role", flat=True))


def role_names(user: Any) -> set[str]:
    """Every role the user holds anywhere, for the navigation: officer (any membership),
    approver, dga_admin, reviewer, evaluator."""
    if not is_signed_in(user):
        return set()
    memberships = set(user.memberships.values_list("role", flat=True))
    found = {"officer"} if memberships else set()
    if MembershipRole.APPROVER in memberships:
        found.add("approver")
    if is_dga_admin(user):
        found.add("dga_admin")
    if is_evaluator(user):
        found.add("evaluator")
    if is_reviewer(user):
        found.add("reviewer")
    return found
