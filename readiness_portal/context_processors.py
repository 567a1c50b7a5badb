"""Template context for every page: what the signed-in user is, for the navigation.

Each value is a cached callable: the template engine calls it when a template reads it, so a
page without the navigation (an autosave fragment, an e-mail) runs none of these queries and a
page that reads one twice runs it once."""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.http import HttpRequest

from agencies import roles as role_predicates
from surveys.models import Cycle
from surveys.selectors.notifications import unread_count


def roles(request: HttpRequest) -> dict[str, Callable[[], Any]]:
    user = getattr(request, "user", None)

    @cache
    def nav_roles() -> set[str]:
        return role_predicates.role_names(user)

    @cache
    def nav_unread() -> int:
        return unread_count(user=user) if role_predicates.is_signed_in(user) else 0  # type: ignore[arg-type]

    @cache
    def nav_cycle() -> int | None:
        if not role_predicates.sees_all_agencies(user):
            return None
        return Cycle.objects.values_list("year", flat=True).first()

    return {"nav_roles": nav_roles, "nav_unread": nav_unread, "nav_cycle": nav_cycle}
