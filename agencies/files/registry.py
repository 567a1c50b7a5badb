"""Reading the registry CSV files: every bad row reported with its line, no ORM."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PROVINCE_RE = re.compile(r"^TH-[0-9]{2}$")
KINDS = ("department", "regional", "pcio", "other")
REGIONS = ("central", "north", "northeast", "east", "west", "south")

AGENCY_COLUMNS = (
    "code", "name_th", "name_en", "abbr_th", "abbr_en", "ministry", "kind", "province", "changed_on",
)  # fmt: skip

HISTORY_COLUMNS = ("code", "valid_until", "name_th", "name_en", "abbr_th", "abbr_en", "ministry")

NAMED_FIELDS = ("name_th", "name_en", "abbr_th", "abbr_en", "ministry")

MINISTRY_COLUMNS = ("code", "name_th", "name_en", "abbr_th", "abbr_en")
PROVINCE_COLUMNS = ("code", "name_th", "name_en", "region")


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class RegistryError(ValueError):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


def read_rows(
    text: str, name: str, columns: tuple[str, ...], required: tuple[str, ...]
) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """Rows as (line number, values) with the header checked; a BOM is tolerated."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    errors = [RowError(name, 1, f"unknown column {h!r}") for h in header if h not in columns]
    errors += [RowError(name, 1, f"missing column {c!r}") for c in required if c not in header]
    if errors:
        return [], errors
    rows = []
    for record in reader:
        values = {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:
            errors.append(RowError(name, reader.line_num, "more cells than columns"))
        if any(values.values()):
            rows.append((reader.line_num, values))
    return rows, errors


def check_codes(rows: Iterable[tuple[int, dict[str, str]]], name: str, pattern: re.Pattern) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        code = row.get("code", "")
        if not pattern.match(code):
            errors.append(RowError(name, line, f"code {code!r} is missing or malformed"))
        elif code in seen:
            errors.append(RowError(name, line, f"duplicate code {code!r} (first on line {seen[code]})"))
        else:
            seen[code] = line
        if not row.get("name_th"):
            errors.append(RowError(name, line, "name_th (the Thai name) is required"))
    return errors


def check_provinces(rows: list[tuple[int, dict[str, str]]], name: str) -> list[RowError]:
    errors = check_codes(rows, name, PROVINCE_RE)
    for line, row in rows:
        if row.get("region") not in REGIONS:
            errors.append(RowError(name, line, f"region must be one of {', '.join(REGIONS)}"))
    return errors


def check_agencies(
    rows: list[tuple[int, dict[str, str]]], name: str, ministries: set[str], provinces: set[str]
) -> list[RowError]:
    errors = check_codes(rows, name, CODE_RE)
    for line, row in rows:
        kind = row.get("kind") or "department"
        row["kind"] = kind
        if kind not in KINDS:
            errors.append(RowError(name, line, f"kind {kind!r} must be one of {', '.join(KINDS)}"))
        ministry, province = row.get("ministry", ""), row.get("province", "")
        if ministry and ministry not in ministries:
            errors.append(RowError(name, line, f"unknown ministry {ministry!r}"))
        if province and province not in provinces:
            errors.append(RowError(name, line, f"unknown province {province!r}"))
        if kind == "pcio" and not province:
            errors.append(RowError(name, line, "a pcio agency needs its province"))
        if row.get("changed_on") and _iso_date(row["changed_on"]) is None:
            errors.append(RowError(name, line, "changed_on must be a date YYYY-MM-DD"))
    return errors


def check_history(
    rows: list[tuple[int, dict[str, str]]], name: str, agencies: set[str], ministries: set[str]
) -> list[RowError]:
    """Former names: a known agency, the last day in force (YYYY-MM-DD), a Thai name, a known ministry."""
    errors: list[RowError] = []
    for line, row in rows:
        if row.get("code") not in agencies:
            errors.append(RowError(name, line, f"unknown agency {row.get('code')!r}"))
        if _iso_date(row.get("valid_until", "")) is None:
            errors.append(RowError(name, line, "valid_until must be a date YYYY-MM-DD"))
        if not row.get("name_th"):
            errors.append(RowError(name, line, "name_th (the Thai name) is required"))
        if row.get("ministry") and row["ministry"] not in ministries:
            errors.append(RowError(name, line, f"unknown ministry {row['ministry']!r}"))
    return errors


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
