"""Queries for agency pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import Agency, AgencyName
from common.collation import thai_sorted


def agency_matches(query: str, *, via: str = "") -> Q:
    """The one search rule for an agency: its code, any of its names or abbreviations, former
    ones too (a subquery, so no row is repeated). `via` names the relation from another model
    (`agency` for responses)."""
    at = f"{via}__" if via else ""
    former = AgencyName.objects.filter(
        Q(name_th__icontains=query)
        | Q(name_en__icontains=query)
        | Q(abbr_th__icontains=query)
        | Q(abbr_en__iexact=query)
    ).values("agency_id")
    return (
        Q(**{f"{at}code__iexact": query})
        | Q(**{f"{at}name_th__icontains": query})
        | Q(**{f"{at}name_en__icontains": query})
        | Q(**{f"{at}abbr_th__icontains": query})
        | Q(**{f"{at}abbr_en__iexact": query})
        | Q(**{f"{at}pk__in": former})
    )


def agencies_search(*, query: str = "", kind: str = "", ministry: str = "") -> list[Agency]:
    """Agencies matching a search by any of their names, former ones too, in Thai dictionary order."""
    qs = Agency.objects.select_related("ministry", "province")
    if query := query.strip():
        qs = qs.filter(agency_matches(query))
    if kind:
        qs = qs.filter(kind=kind)
    if ministry:
        qs = qs.filter(ministry__code=ministry)
    return thai_sorted(qs, key=lambda a: a.name_th)


def cycle_end(year_be: int) -> date:
    """The day a cycle's names are taken on: the last day of its Buddhist year."""
    return date(year_be - 543, 12, 31)


def names_date(year_be: int) -> date:
    """The day a cycle's pages and files take the agencies' names on: the last day of its year, or
    today while that year runs (a rename recorded ahead shows from its day on)."""
    return min(cycle_end(year_be), timezone.localdate())


def names_as_of(pairs: Iterable[tuple[Agency, date | None]]) -> None:
    """Give each agency the name it bore on its date, for a page of that time: sets
    `Agency.name_then`, which `name` and `abbr` read. One query for any number of agencies and
    dates (former names are few); a date of None keeps the current name."""
    wanted = [(agency, on) for agency, on in pairs if on is not None]
    if not wanted:
        return
    earliest = min(on for _, on in wanted)
    formers: dict[int, list[AgencyName]] = {}
    rows = AgencyName.objects.filter(valid_until__gte=earliest)
    if len(wanted) <= 50:  # a page of a few agencies reads only theirs
        rows = rows.filter(agency_id__in={agency.pk for agency, _ in wanted})
    for row in rows.order_by("valid_until"):
        formers.setdefault(row.agency_id, []).append(row)
    for agency, on in wanted:
        agency.name_then = next((f for f in formers.get(agency.pk, ()) if f.valid_until >= on), None)


def names_of_year(agencies: Iterable[Agency], year_be: int | None) -> None:
    """The agencies as named during the cycle of that year (B.E.); a year of None changes nothing."""
    on = names_date(year_be) if year_be else None
    names_as_of((agency, on) for agency in agencies)


def ministry_code_on(on: date, *, via: str = "") -> Case:
    """The code of the ministry an agency was in on that date ('' for none), in SQL: the ministry
    of its earliest former name still in force then, else its current one. `via` names the
    relation from another model (`agency` for responses). Former names are few: the agencies
    that have one in force are found once (a hashed set), and only theirs is looked up."""
    at = f"{via}__" if via else ""
    in_force = AgencyName.objects.filter(valid_until__gte=on)
    then = (
        in_force.filter(agency=OuterRef(f"{at}pk"))
        .order_by("valid_until")
        .annotate(code=Coalesce(F("ministry__code"), Value("")))
        .values("code")[:1]
    )
    return Case(
        When(**{f"{at}pk__in": in_force.values("agency_id")}, then=Subquery(then)),
        default=Coalesce(F(f"{at}ministry__code"), Value("")),
    )


def former_names_on(on: date) -> dict[str, str]:
    """`{agency code: Thai name}` of the agencies whose name on that date is a former one (its
    earliest former name still in force then); every other agency bore its current name."""
    names: dict[str, str] = {}
    rows = AgencyName.objects.filter(valid_until__gte=on).order_by("valid_until")
    for code, name in rows.values_list("agency__code", "name_th"):
        names.setdefault(code, name)
    return names


@dataclass(frozen=True)
class NameInForce:
    """One name of an agency's history, and the days it was in force (None: not known / still)."""

    name_th: str
    name_en: str
    abbr_th: str
    abbr_en: str
    ministry: str | None
    valid_from: date | None
    valid_until: date | None


def agencies_with_history() -> QuerySet[Agency]:
    """Agencies with what `name_history` reads loaded: ministries, former names and theirs."""
    former = AgencyName.objects.select_related("ministry").order_by("valid_until")
    return Agency.objects.select_related("ministry", "province").prefetch_related(
        Prefetch("former_names", queryset=former)
    )


def name_history(agency: Agency) -> list[NameInForce]:
    """Every name the agency bore, oldest first, the current one last: each from the day after the
    previous one's last day (the oldest from a day not known), the current one until now."""
    history: list[NameInForce] = []
    valid_from: date | None = None
    for old in agency.former_names.all():
        ministry = old.ministry.code if old.ministry is not None else None
        history.append(
            NameInForce(
                old.name_th, old.name_en, old.abbr_th, old.abbr_en, ministry, valid_from, old.valid_until
            )
        )
        valid_from = old.valid_until + timedelta(days=1)
    ministry = agency.ministry.code if agency.ministry is not None else None
    current = NameInForce(
        agency.name_th, agency.name_en, agency.abbr_th, agency.abbr_en, ministry, valid_from, None
    )
    return [*history, current]
