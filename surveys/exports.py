"""Writing tables as CSV or XLSX: cells that a spreadsheet would run as formulas are neutralised,
XLSX is streamed (openpyxl write-only) so memory stays flat."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """Empty for no value; floats at full precision (repr round-trips exactly)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(neutralise(value))


def write_csv(stream: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def write_xlsx(stream: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    sheet.append([neutralise(h) for h in header])
    count = 0
    for row in rows:
        sheet.append([neutralise(v) for v in row])
        count += 1
    book.save(stream)
    return count
