"""The pillar navigation's list (the % complete, each pillar's link and progress), rendered in
Python (issue 18): the pillar page and every autosave draw it, and as an included template with
a `{% url %}`, three translations and a filter per pillar it cost more than the questions' own
markup. What a questionnaire's pillars say never changes under the same definition, so their
codes and titles are escaped once per process and language (`_skeleton`); a page then adds its
address prefix, its counts and its "to fix" badges. The markup is the template's."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from surveys.domain.progress import PillarProgress, overall_progress
from surveys.templatetags.portal import todo_pillars

register = template.Library()

_MARK = "PILLAR0"  # stands for a pillar code in the address reversed once per list


_SKELETONS: dict[tuple[int, str, str], tuple[tuple[str, str], ...]] = {}


def _skeleton(questionnaire: Any, pillars: list[Any], lang: str) -> tuple[tuple[str, str], ...]:
    """(code escaped, "code title" escaped) per pillar, once per process for a questionnaire's
    id and checksum (its definition never changes under both) and a language."""
    key = (questionnaire.pk, questionnaire.checksum, lang)
    found = _SKELETONS.get(key)
    if found is None or len(found) != len(pillars):
        found = tuple(
            (escape(p.code), f"{escape(p.code)} {escape(p.title.get(lang) if p.title else '')}")
            for p in pillars
        )
        _SKELETONS[key] = found
    return found


@register.simple_tag
def pillar_nav_list(response: Any, progress: list[PillarProgress], current: Any = None) -> SafeString:
    """The list inside `<nav id="pillar-nav">`: overall % complete, then each pillar."""
    lang = get_language() or "th"
    skeleton = _skeleton(response.questionnaire, [item.pillar for item in progress], lang)
    prefix, suffix = reverse("surveys:pillar", args=[response.public_id, _MARK]).split(_MARK)
    open_pillars = todo_pillars(response)
    current_code = getattr(current, "code", None)
    overall = overall_progress(progress)[2]
    to_fix = escape(_("To fix"))
    parts = [
        f'<p class="mb-2" data-overall="{overall}"><span class="fw-bold">'
        f"{escape(_('%(overall)s%% complete') % {'overall': overall})}</span>\n"
        f'    <progress class="w-100 d-block" max="100" value="{overall}" '
        f'aria-label="{escape(_("The whole response"))}">{overall}%</progress></p>\n'
        '  <ul class="list-unstyled">\n'
    ]
    for item, (code, label) in zip(progress, skeleton, strict=True):
        raw = item.pillar.code
        here = ' aria-current="page" class="fw-bold"' if raw == current_code else ""
        badge = (
            f' <span class="badge text-bg-warning" data-todo-pillar="{code}">{to_fix}</span>'
            if raw in open_pillars
            else ""
        )
        url = escape(prefix + _quoted(raw) + suffix)
        answered = escape(_("%(a)s of %(t)s answered") % {"a": item.answered, "t": item.total})
        parts.append(
            f'    <li class="mb-2" data-pillar="{code}">\n'
            f'      <a href="{url}"{here}>\n        {label}\n      </a>{badge}\n'
            f'      <progress class="w-100 d-block" max="100" value="{item.percent}" '
            f'aria-label="{escape(_("Progress of %(code)s") % {"code": raw})}">{item.percent}%</progress>\n'
            f'      <small class="text-body-secondary" data-answered="{item.answered}">{answered}</small>\n'
            "    </li>\n"
        )
    parts.append("  </ul>")
    return mark_safe("".join(parts))  # noqa: S308 - built of escaped parts


@register.simple_tag
def pillar_nav(response: Any, progress: list[PillarProgress], current: Any = None) -> SafeString:
    """The pillar navigation beside a response's pages: a toggle on small screens, then the list."""
    overall = escape(_("%(overall)s%% complete") % {"overall": overall_progress(progress)[2]})
    pillars = escape(_("Pillars"))
    return mark_safe(  # noqa: S308 - built of escaped parts
        '<button class="btn btn-outline-secondary btn-sm w-100 d-md-none mb-2" type="button" '
        'data-bs-toggle="collapse" data-bs-target="#pillar-nav-body" aria-expanded="false" '
        f'aria-controls="pillar-nav-body">{pillars} · <span data-overall-short>{overall}</span></button>\n'
        '<div class="collapse d-md-block" id="pillar-nav-body">\n'
        f'<nav class="pillar-nav" aria-label="{pillars}" id="pillar-nav">'
        f"{pillar_nav_list(response, progress, current)}</nav>\n</div>"
    )


def _quoted(code: str) -> str:
    """A pillar code as `reverse` writes it in a path."""
    return quote(code, safe="!$&'()*+,;=/~:@")
