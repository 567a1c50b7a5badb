"""Display helpers: fractions as percentages, dates in the Buddhist Era."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from surveys.definition import Text

register = template.Library()


@register.filter
def percent(value: float | None, digits: int = 2) -> str:
    """0.7345 → "73.45"; empty for no value."""
    if value is None or value == "":
        return ""
    return formats.number_format(float(value) * 100, decimal_pos=digits)


@register.filter
def buddhist_year(value: date | datetime | None) -> str:
    return str(value.year + 543) if value else ""


THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip


@register.filter
def thai_date(value: date | datetime | None) -> str:
    """A date as Thai readers expect it, in the Buddhist Era ("27 เมษายน 2566");
    in English, the Gregorian date with the B.E. year beside it."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if get_language() == "en":
        return f"{value:%d %B %Y} (B.E. {value.year + 543})"
    return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + 543}"


@register.filter
def text(value: Text | None, lang: str | None) -> str:
    """The definition's bilingual text in the page's language."""
    return value.get(lang) if value else ""
