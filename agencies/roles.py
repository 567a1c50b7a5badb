"""Who a person is in the portal: every role predicate, written once.

The DGA-wide roles are flags on the user; the agency roles (officer, approver) are memberships.
A person who is signed out or deactivated has no role at all. Views, services, the navigation
and the object rules (surveys/access.py) ask here instead of reading the flags themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from agencies.models import Membership, MembershipRole
from common.columns import column


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


# The attribute under which the person a request is from keeps their memberships for that request
# (see for_one_request); any other user object asks the database each time.
_REQUEST_SCOPED = "_portal_request_scoped"
_MEMBERSHIPS = "_portal_memberships"


def for_one_request(user: Any) -> Any:
    """Mark the user the authentication middleware loaded for one request: their memberships are
    read once for the whole request (the object rules, the page and the navigation all ask)."""
    if user is not None and getattr(user, "pk", None) is not None:
        setattr(user, _REQUEST_SCOPED, True)
    return user


@cache
def _memberships_sql(vendor: str) -> str:
    """A person's (agency, role) rows, as one plain statement written once per process (the key:
    the quoting is the vendor's): every page and every autosave asks it, and the ORM's
    compiling of it cost more than the statement itself (~0.35 ms of ~0.85)."""
    connection = connections[Membership.objects.db]
    quote = connection.ops.quote_name
    meta = Membership._meta
    agency, role, user = (quote(column(Membership, name)) for name in ("agency", "role", "user"))
    return f"SELECT {agency}, {role} FROM {quote(meta.db_table)} WHERE {user} = %s"  # noqa: S608


def memberships(user: Any) -> dict[int, frozenset[str]]:
    """The user's agency roles (officer, approver) by agency id: one query, once per request for
    the person the request is from (or none, when a read brought them along: memberships_wanted)."""
    if not is_signed_in(user):
        return {}
    found: dict[int, frozenset[str]] | None = getattr(user, _MEMBERSHIPS, None)
    if found is not None:
        return found
    connection = connections[Membership.objects.db]
    with connection.cursor() as cursor:
        cursor.execute(_memberships_sql(connection.vendor), [user.pk])
        return memberships_read(user, cursor.fetchall())


def memberships_wanted(user: Any) -> bool:
    """Whether a statement the request sends anyway should bring the person's memberships along
    (their (agency id, role) rows, every one): the person the request is from, signed in, whose
    memberships are not read yet. The statement hands them to memberships_read."""
    return (
        is_signed_in(user)
        and getattr(user, _REQUEST_SCOPED, False)
        and getattr(user, _MEMBERSHIPS, None) is None
    )


def memberships_read(user: Any, rows: Iterable[tuple[int, str]]) -> dict[int, frozenset[str]]:
    """The memberships from every (agency id, role) row of the person, kept for the request as
    `memberships` keeps them."""
    by_agency: dict[int, set[str]] = {}
    for agency_id, role in rows:
        by_agency.setdefault(agency_id, set()).add(role)
    found = {agency_id: frozenset(held) for agency_id, held in by_agency.items()}
    if getattr(user, _REQUEST_SCOPED, False):
        setattr(user, _MEMBERSHIPS, found)
    return found


def member_agency_ids(user: Any) -> QuerySet:
    """The agencies the user is an officer or approver of (a subquery of ids)."""
    return Membership.objects.filter(user=user).values("agency_id")


def agency_roles(user: Any, agency_id: int) -> set[str]:
    """The user's membership roles in one agency: officer, approver, or none."""
    return set(memberships(user).get(agency_id, ()))


def role_names(user: Any) -> set[str]:
    """Every role the user holds anywhere, for the navigation: officer (any membership),
    approver, dga_admin, reviewer, evaluator."""
    if not is_signed_in(user):
        return set()
    held = memberships(user)
    memberships_held = set().union(*held.values()) if held else set()
    found = {"officer"} if held else set()
    if MembershipRole.APPROVER in memberships_held:
        found.add("approver")
    if is_dga_admin(user):
        found.add("dga_admin")
    if is_evaluator(user):
        found.add("evaluator")
    if is_reviewer(user):
        found.add("reviewer")
    return found
