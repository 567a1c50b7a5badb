"""Display helpers: fractions as percentages, dates in the Buddhist Era."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common import formats as portal_formats
from common.bilingual import Text
from surveys.domain.definition import Question

register = template.Library()


@register.filter
def percent(value: float | str | None, digits: int = 2) -> str:
    """0.7345 → "73.45"; empty for no value (common.formats: rounded half up)."""
    return portal_formats.percent(value, digits)


@register.filter
def buddhist_year(value: date | datetime | None) -> str:
    return str(portal_formats.be_year(value.year)) if value else ""


@register.filter
def thai_date(value: date | datetime | None) -> str:
    """A date in the Buddhist Era, as the page's language writes it (common.formats.long_date)."""
    return portal_formats.long_date(value, get_language())


@register.filter
def thai_datetime(value: datetime | None) -> str:
    """A date and time in the Buddhist Era, in the page's language (common.formats.long_datetime)."""
    return portal_formats.long_datetime(value, get_language())


@register.filter
def text(value: Text | None, lang: str | None) -> str:
    """The definition's bilingual text in the page's language."""
    return value.get(lang) if value else ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def rate_counts(rates) -> list[tuple[str, int]]:
    """The counts of a dashboard slice in column order, each with the measure it links to."""
    return [
        (m, getattr(rates, m)) for m in ("targets", "started", "awaiting_approval", "responded", "accepted")
    ]


@register.filter
def kind_label(kind: str) -> str:
    from agencies.models import AgencyKind

    return str(AgencyKind(kind).label) if kind in AgencyKind.values else kind


@register.filter
def answer_text(value: Any, question: Question) -> str:
    """A stored answer as people read it: choice labels, Yes/No, dates in the Buddhist Era."""
    if value is None or value == "" or value == []:
        return "—"
    lang = get_language()
    if question.type in ("single_choice", "multi_choice"):
        codes = value if isinstance(value, list) else [value]
        labels = [(c.label.get(lang) if (c := question.choice(code)) else str(code)) for code in codes]
        return ", ".join(labels)
    if question.type == "yes_no":
        return str(_("Yes")) if value == "yes" else str(_("No")) if value == "no" else str(value)
    if question.type == "number":
        return formats.number_format(value)
    if question.type == "date":
        try:
            return thai_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


@register.filter
def anchor(code: str) -> str:
    """The id of a question's block on its pillar page."""
    return f"q-{code}"


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current address with `page` set to `number`, every other filter kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    # urlencode() percent-encodes quotes and angle brackets: the result is safe in an attribute.
    return mark_safe(f"?{query.urlencode()}")  # noqa: S308


@register.filter
def notice_title(item: Any) -> str:
    """A notification's subject line, in the reader's language."""
    from surveys.notices import notice_subject

    return notice_subject(item.kind, item.params)


@register.filter
def notice_text(item: Any) -> str:
    from surveys.notices import notice_body

    return notice_body(item.kind, item.params)


@register.inclusion_tag("surveys/_deadline.html")
def response_deadline(response: Any) -> dict[str, Any]:
    """The response's close date and days left; a banner when close or closed."""
    from surveys.selectors.notifications import deadline_of

    return {"deadline": deadline_of(response)}


@register.inclusion_tag("surveys/_todo_summary.html")
def response_todo_summary(response: Any) -> dict[str, Any]:
    """On a returned response: what DGA asked for, with a link to the to-fix list."""
    from surveys.selectors.notifications import todo_of

    items = todo_of(response=response) if response.status == "returned" else []
    return {"response": response, "items": items, "open_count": sum(1 for i in items if not i.done)}


@register.simple_tag
def todo_pillars(response: Any) -> set[str]:
    """The pillars of a returned response that still hold something DGA asked to fix."""
    if getattr(response, "status", None) != "returned":
        return set()
    from surveys.selectors.notifications import open_todo_pillars, todo_of

    return open_todo_pillars(todo_of(response=response))
