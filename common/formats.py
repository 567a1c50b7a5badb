"""Values as people read them: Buddhist Era dates and percentages: one rule everywhere."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def buddhist_datetime(value: datetime | None) -> str:
    """A timestamp for people reading a spreadsheet: Buddhist Era year, local time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.year + 543}-{local:%m-%d %H:%M}"


def buddhist_date(iso: str) -> str:
    """A stored ISO date answer ("2023-06-30") with its year in the Buddhist Era ("2566-06-30")."""
    try:
        year, rest = iso.split("-", 1)
        return f"{int(year) + 543}-{rest}"
    except (ValueError, AttributeError):
        return str(iso)
