"""Display helpers: fractions as percentages, dates in the Buddhist Era."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats

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
