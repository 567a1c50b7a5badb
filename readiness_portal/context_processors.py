"""Template context for every page: what the signed-in user is, for the navigation."""

from typing import Any

from django.http import HttpRequest

from agencies import roles as role_predicates
from surveys.models import Cycle
from surveys.selectors.notifications import unread_count


def roles(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"nav_roles": role_predicates.role_names(user)}
    if role_predicates.is_signed_in(user):
        context["nav_unread"] = unread_count(user=user)  # type: ignore[arg-type]
    if role_predicates.sees_all_agencies(user):
        context["nav_cycle"] = Cycle.objects.values_list("year", flat=True).first()
    return context
