"""Every URL of the portal, walked from the URL configuration, and the objects its arguments name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name with its namespace, or its route when it has no name
    route: str
    params: tuple[str, ...]


def _walk(patterns, prefix: str, namespace: str | None, admin: bool):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n) or None
            is_admin = admin or pattern.namespace == "admin"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, is_admin)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            key = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or route)
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
            yield admin, Route(key, route, params)


def portal_routes() -> list[Route]:
    """Every URL outside the Django admin."""
    return [r for admin, r in _walk(get_resolver().url_patterns, "", None, False) if not admin]


def admin_routes() -> list[Route]:
    """The Django admin's own URLs (covered by one rule: staff only)."""
    return [r for admin, r in _walk(get_resolver().url_patterns, "", None, False) if admin]


def path_of(route: Route, values: dict[str, object]) -> str:
    """The route with each `<converter:name>` replaced by the value for that name."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.route)
