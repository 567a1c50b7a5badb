"""Queries for agency pages."""

from __future__ import annotations

from django.db.models import Q

from agencies.models import Agency
from common.collation import thai_sorted


def agencies_search(*, query: str = "", kind: str = "", ministry: str = "") -> list[Agency]:
    """Agencies matching a search, in Thai dictionary order of their Thai names."""
    qs = Agency.objects.select_related("ministry", "province")
    if query := query.strip():
        qs = qs.filter(
            Q(code__iexact=query)
            | Q(name_th__icontains=query)
            | Q(name_en__icontains=query)
            | Q(abbr_th__icontains=query)
            | Q(abbr_en__iexact=query)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if ministry:
        qs = qs.filter(ministry__code=ministry)
    return thai_sorted(qs, key=lambda a: a.name_th)
