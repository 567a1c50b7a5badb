"""Registry imports: validate everything first, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from agencies.files import registry
from agencies.files.registry import RegistryError
from agencies.models import Agency, Ministry, Province


@dataclass(frozen=True)
class ImportCounts:
    ministries: int = 0
    provinces: int = 0
    agencies: int = 0


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
    *, agencies: Path, ministries: Path | None = None, provinces: Path | None = None
) -> ImportCounts:
    """Upsert ministries, provinces and agencies by code; raise RegistryError listing every bad row."""
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
        for _, row in a_rows:
            defaults = {
                **_fields(row, ("name_th", "name_en", "abbr_th", "abbr_en", "kind")),
                "ministry_id": ministry_ids.get(row.get("ministry", "")),
                "province_id": province_ids.get(row.get("province", "")),
            }
            Agency.objects.update_or_create(code=row["code"], defaults=defaults)
    return ImportCounts(len(m_rows), len(p_rows), len(a_rows))


def _fields(row: dict[str, str], columns) -> dict[str, str]:
    return {c: row.get(c, "") for c in columns if c != "code"}
