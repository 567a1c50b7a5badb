"""Template context for every page: what the signed-in user is, for the navigation."""

from typing import Any

from django.http import HttpRequest

from agencies.models import MembershipRole
from surveys.models import Cycle


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": set()}
    memberships = set(user.memberships.values_list("role", flat=True))
    found = {"officer"} if memberships else set()
    if MembershipRole.APPROVER in memberships:
        found.add("approver")
    if user.is_dga_admin:
        found.add("dga_admin")
    if user.is_evaluator:
        found.add("evaluator")
    context: dict[str, Any] = {"nav_roles": found}
    if user.is_dga_admin or user.is_evaluator:
        context["nav_cycle"] = Cycle.objects.values_list("year", flat=True).first()
    return context
