"""Registry imports: validate everything first, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from agencies.files import registry
from agencies.files.registry import RegistryError
from agencies.models import Agency, AgencyName, Ministry, Province


@dataclass(frozen=True)
class ImportCounts:
    ministries: int = 0
    provinces: int = 0
    agencies: int = 0
    renamed: int = 0


def _read(path: Path | None, columns, required):
    if path is None:
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [registry.RowError(path.name, 1, "the file is not UTF-8 text")]
    except OSError as exc:
        return [], [registry.RowError(path.name, 0, f"cannot read: {exc.strerror}")]
    return registry.read_rows(text, path.name, columns, required)


def registry_import(
    *,
    agencies: Path,
    ministries: Path | None = None,
    provinces: Path | None = None,
    history: Path | None = None,
) -> ImportCounts:
    """Upsert ministries, provinces and agencies by code; raise RegistryError listing every bad row.

    A row that renames an agency or moves it to another ministry keeps the old name as a former
    name, in force until the day before the row's `changed_on` (yesterday without it); `history`
    lists former names outright. An agency that has responses keeps its kind (its responses
    answer its group's questionnaire)."""
    m_rows, errors = _read(ministries, registry.MINISTRY_COLUMNS, ("code", "name_th"))
    p_rows, more = _read(provinces, registry.PROVINCE_COLUMNS, ("code", "name_th", "region"))
    errors += more
    a_rows, more = _read(agencies, registry.AGENCY_COLUMNS, ("code", "name_th"))
    errors += more
    errors += registry.check_codes(m_rows, ministries.name if ministries else "", registry.CODE_RE)
    errors += registry.check_provinces(p_rows, provinces.name if provinces else "")
    known_m = {r["code"] for _, r in m_rows} | set(Ministry.objects.values_list("code", flat=True))
    known_p = {r["code"] for _, r in p_rows} | set(Province.objects.values_list("code", flat=True))
    errors += registry.check_agencies(a_rows, agencies.name, known_m, known_p)
    errors += _kind_changes(a_rows, agencies.name)
    h_rows, more = _read(history, registry.HISTORY_COLUMNS, ("code", "valid_until", "name_th"))
    errors += more
    known_a = {r["code"] for _, r in a_rows} | set(Agency.objects.values_list("code", flat=True))
    errors += registry.check_history(h_rows, history.name if history else "", known_a, known_m)
    if errors:
        raise RegistryError(errors)
    with transaction.atomic():
        for _, row in m_rows:
            Ministry.objects.update_or_create(
                code=row["code"], defaults=_fields(row, registry.MINISTRY_COLUMNS)
            )
        for _, row in p_rows:
            Province.objects.update_or_create(
                code=row["code"], defaults=_fields(row, registry.PROVINCE_COLUMNS)
            )
        ministry_ids = dict(Ministry.objects.values_list("code", "pk"))
        province_ids = dict(Province.objects.values_list("code", "pk"))
        existing = Agency.objects.select_related("ministry").in_bulk(
            [r["code"] for _, r in a_rows], field_name="code"
        )
        renamed = 0
        for _, row in a_rows:
            defaults = {
                **_fields(row, ("name_th", "name_en", "abbr_th", "abbr_en", "kind")),
                "ministry_id": ministry_ids.get(row.get("ministry", "")),
                "province_id": province_ids.get(row.get("province", "")),
            }
            before = existing.get(row["code"])
            if before is not None and _named(before) != {f: row.get(f, "") for f in registry.NAMED_FIELDS}:
                changed = date.fromisoformat(row["changed_on"]) if row.get("changed_on") else None
                _keep_former_name(before, (changed or timezone.localdate()) - timedelta(days=1))
                renamed += 1
            Agency.objects.update_or_create(code=row["code"], defaults=defaults)
        agency_ids = dict(Agency.objects.values_list("code", "pk"))
        for _, row in h_rows:
            AgencyName.objects.update_or_create(
                agency_id=agency_ids[row["code"]],
                valid_until=date.fromisoformat(row["valid_until"]),
                defaults={
                    **_fields(row, ("name_th", "name_en", "abbr_th", "abbr_en")),
                    "ministry_id": ministry_ids.get(row.get("ministry", "")),
                },
            )
    return ImportCounts(len(m_rows), len(p_rows), len(a_rows), renamed)


def _named(agency: Agency) -> dict[str, str]:
    values = {f: getattr(agency, f) for f in registry.NAMED_FIELDS if f != "ministry"}
    return {**values, "ministry": agency.ministry.code if agency.ministry is not None else ""}


def _keep_former_name(agency: Agency, until: date) -> None:
    AgencyName.objects.update_or_create(
        agency=agency,
        valid_until=until,
        defaults={
            "name_th": agency.name_th,
            "name_en": agency.name_en,
            "abbr_th": agency.abbr_th,
            "abbr_en": agency.abbr_en,
            "ministry_id": agency.ministry_id,
        },
    )


def _kind_changes(rows: list[tuple[int, dict[str, str]]], name: str) -> list[registry.RowError]:
    """A new kind for an agency with responses would leave them answering another group's
    questionnaire: refused."""
    kinds = dict(Agency.objects.filter(responses__isnull=False).values_list("code", "kind").distinct())
    return [
        registry.RowError(
            name, line, f"agency {row['code']!r} has responses: its kind stays {kinds[row['code']]!r}"
        )
        for line, row in rows
        if row["code"] in kinds and row.get("kind", "department") != kinds[row["code"]]
    ]


def _fields(row: dict[str, str], columns) -> dict[str, str]:
    return {c: row.get(c, "") for c in columns if c != "code"}
