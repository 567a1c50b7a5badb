"""The main navigation's links (templates/_nav_links.html): the same for everyone who holds the
same roles, so drawn once per language, roles and cycle in each process rather than at every page
(a dozen address reversals and translations, ~0.5 ms of a pillar page's ~7; issue 18). What the
links show changes only with a deploy (addresses, words) or with what the key holds. The rest of
the navigation (the person's name, unread count, the forms with their CSRF tokens) is drawn for
each request in templates/_nav.html."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _value(found: Any) -> Any:
    """A context processor's value: its cached callable (readiness_portal.context_processors), called."""
    return found() if isinstance(found, Callable) else found  # type: ignore[arg-type]


@lru_cache(maxsize=256)
def _links(language: str, roles: frozenset[str], cycle: int | None, prefix: str, urlconf: str) -> str:
    """Keyed by everything the links depend on; `prefix` and `urlconf` (the addresses' mount and
    map) are the same for a whole process outside tests."""
    return render_to_string("_nav_links.html", {"nav_roles": roles, "nav_cycle": cycle})


def _mount() -> tuple[str, str]:
    """Where addresses are mounted and which map they come from (the same for a whole process
    outside tests): part of every key below."""
    return get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=512)
def _address(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name)


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for an address that takes no argument: reversed once per process (and
    mount), not at every page (~40 µs each, a dozen on a page)."""
    return _address(name, *_mount())


@register.simple_tag(takes_context=True)
def nav_links(context: template.Context) -> SafeString:
    roles = frozenset(_value(context.get("nav_roles")) or ())
    cycle = _value(context.get("nav_cycle"))
    return mark_safe(_links(get_language(), roles, cycle, *_mount()))  # noqa: S308 - a rendered template
