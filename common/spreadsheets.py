"""CSV and XLSX writers shared by every export of the portal.

Cells that a spreadsheet would run as formulas are neutralised (`neutralise`); XLSX cells are
cleaned of the control characters the format cannot hold, and numbers no spreadsheet holds
(stored before answers were bounded) are written as text. Rows are written
as they come (openpyxl write-only, CSV straight to the stream), so memory stays flat."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol

from openpyxl import Workbook

from common.numbers import is_safe_number

FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int], None]


class TextSink(Protocol):
    """Where CSV goes: a text file, a management command's stdout, an HTTP response."""

    def write(self, s: str, /) -> object: ...


# What XLSX (XML 1.0) cannot hold: the C0 controls but tab, line feed and carriage return
# (openpyxl raises IllegalCharacterError on them), and lone surrogates.
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _plain(value: Any) -> Any:
    """A number a spreadsheet cannot hold (too large, infinite, NaN) as its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not is_safe_number(value):
        return str(value)
    return value


def xlsx_cell(value: Any) -> Any:
    """A value as an XLSX cell: text cleaned of what XLSX cannot hold, its line ends made LF (XML
    reads a bare CR as LF, and openpyxl keeps or drops it depending on whether lxml writes), then
    neutralised."""
    value = _plain(value)
    if isinstance(value, str):
        value = _XLSX_ILLEGAL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return neutralise(value)


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """Empty for no value; floats at full precision (repr round-trips exactly)."""
    if value is None:
        return ""
    value = _plain(value)
    if isinstance(value, float):
        return repr(value)
    return str(neutralise(value))


PROGRESS_EVERY = 100  # rows between progress reports


@dataclass
class Table:
    """Header rows (codes first, then labels for people) and the data rows, read lazily."""

    headers: list[list[str]]
    rows: Iterable[Sequence[Any]]
    total: int
    title: str


def _counted(rows: Iterable[Sequence[Any]], progress: Progress | None) -> Iterator[Sequence[Any]]:
    for count, row in enumerate(rows, start=1):
        yield row
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)


def write_csv(
    stream: TextSink,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    more_headers: Sequence[Sequence[str]] = (),
    progress: Progress | None = None,
) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    for row in (header, *more_headers):
        writer.writerow([csv_cell(h) for h in row])
    count = 0
    for row in _counted(rows, progress):
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def write_xlsx(
    stream: IO[bytes],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str,
    *,
    more_headers: Sequence[Sequence[str]] = (),
    progress: Progress | None = None,
) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    for row in (header, *more_headers):
        sheet.append([xlsx_cell(h) for h in row])
    count = 0
    for row in _counted(rows, progress):
        sheet.append([xlsx_cell(v) for v in row])
        count += 1
    book.save(stream)
    return count


def write_table(stream: Any, table: Table, fmt: str, *, progress: Progress | None = None) -> int:
    """CSV to a text stream (a `TextSink`), XLSX to a binary one (`IO[bytes]`): `fmt` decides."""
    header, *more = table.headers
    if fmt == "xlsx":
        return write_xlsx(stream, header, table.rows, table.title, more_headers=more, progress=progress)
    return write_csv(stream, header, table.rows, more_headers=more, progress=progress)
