"""Queries for agency pages."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from agencies.models import Agency, AgencyName
from common.collation import thai_sorted


def agencies_search(*, query: str = "", kind: str = "", ministry: str = "") -> list[Agency]:
    """Agencies matching a search by any of their names, former ones too, in Thai dictionary order."""
    qs = Agency.objects.select_related("ministry", "province")
    if query := query.strip():
        qs = qs.filter(
            Q(code__iexact=query)
            | Q(name_th__icontains=query)
            | Q(name_en__icontains=query)
            | Q(abbr_th__icontains=query)
            | Q(abbr_en__iexact=query)
            | Q(former_names__name_th__icontains=query)
            | Q(former_names__name_en__icontains=query)
            | Q(former_names__abbr_th__icontains=query)
            | Q(former_names__abbr_en__iexact=query)
        ).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    if ministry:
        qs = qs.filter(ministry__code=ministry)
    return thai_sorted(qs, key=lambda a: a.name_th)


def cycle_end(year_be: int) -> date:
    """The day a cycle's names are taken on: the last day of its Buddhist year."""
    return date(year_be - 543, 12, 31)


def former_names_on(on: date) -> dict[str, str]:
    """`{agency code: Thai name}` of the agencies whose name on that date is a former one (its
    earliest former name still in force then); every other agency bore its current name."""
    names: dict[str, str] = {}
    rows = AgencyName.objects.filter(valid_until__gte=on).order_by("valid_until")
    for code, name in rows.values_list("agency__code", "name_th"):
        names.setdefault(code, name)
    return names
