"""Reading an XLSForm workbook's sheets into rows of text, bounded and with cell locations.

Every cell is read as pyxform reads it (stripped text, whole numbers without ".0"); headers
are normalised (lower case, single spaces) and given their canonical XLSForm spelling
(`bind::relevant` → `relevant`, `list name` → `list_name`). Limits are checked while the
rows stream in, so a huge sheet is refused before it is held in memory.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pyxform.xls2json_backends import is_empty, xlsx_value_to_str

from common.problems import Problem

SHEETS = ("survey", "choices", "settings", "bands")

# Bounds, checked before the work they would cost (docs/xlsform.md#limits).
MAX_ROWS = {"survey": 20_000, "choices": 50_000, "settings": 10, "bands": 100}
MAX_COLUMNS = 1_024
MAX_CELL = 5_000

# As pyxform reads: a run of empty columns or rows ends the sheet.
EMPTY_COLUMNS_END = 20
EMPTY_ROWS_END = 60

# Column spellings pyxform accepts for the same thing, to the one the reader uses.
_COLUMN_ALIASES = {
    "list name": "list_name",
    "caption": "label",
    "relevance": "relevant",
    "requiredmsg": "required_message",
    "constraint_message": "constraint_message",
    "constraining_message": "constraint_message",
    "calculate": "calculation",
    "set_form_title": "form_title",
    "set_form_id": "form_id",
}

_BIND = re.compile(r"^(?:bind::?)?(?:jr:)?")


def canonical_header(raw: Any) -> str:
    """`Bind::Relevant` → `relevant`, `label::English (en)` → `label::english (en)`."""
    text = " ".join(str(raw).split()).lower()
    text = _BIND.sub("", text)
    if text in ("constraintmsg", "requiredmsg"):
        text = "constraint_message" if text == "constraintmsg" else "required_message"
    base, colon, language = text.partition(":")  # requiredMsg::English (en) → required_message::…
    return _COLUMN_ALIASES.get(base, base) + colon + language if colon else _COLUMN_ALIASES.get(text, text)


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, cells)
    letters: dict[str, str] = field(default_factory=dict)  # header → column letter
    notes: list[str] = field(default_factory=list)  # said as warnings by the reader

    def at(self, row: int, column: str | None = None) -> str:
        """`survey row 5, column D (relevant)`; the header's letter when the column exists."""
        where = f"{self.name} row {row}"
        if column is None:
            return where
        letter = self.letters.get(column)
        return f"{where}, column {letter} ({column})" if letter else f"{where}, column {column}"


def read_sheets(content: bytes, label: str) -> tuple[dict[str, Sheet], list[Problem]]:
    """The XLSForm sheets of a workbook; problems (not a workbook, bad headers, too big) instead."""
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return {}, [Problem(label, "this is an old .xls workbook: open it in Excel and save as .xlsx")]
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        return {}, [Problem(label, f"not a readable XLSForm workbook (.xlsx): {exc}")]
    problems: list[Problem] = []
    sheets: dict[str, Sheet] = {}
    try:
        for title in book.sheetnames:
            name = " ".join(title.split()).lower()
            if name in SHEETS and name not in sheets:
                sheets[name] = _read_sheet(book[title], name, problems)
        if not sheets and len(book.sheetnames) == 1:  # as pyxform does: a lone sheet is the survey
            sheets["survey"] = _read_sheet(book[book.sheetnames[0]], "survey", problems)
            problems_note = f"the only sheet, {book.sheetnames[0]!r}, is read as the survey sheet"
            sheets["survey"].notes.append(problems_note)
    finally:
        book.close()
    return sheets, problems


def _read_sheet(worksheet: Any, name: str, problems: list[Problem]) -> Sheet:
    sheet = Sheet(name)
    header_row = next(worksheet.iter_rows(max_row=1, values_only=True), ())
    headers: list[str | None] = []
    for i, raw in enumerate(header_row[:MAX_COLUMNS], start=1):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            headers.append(None)
            if headers[-EMPTY_COLUMNS_END:] == [None] * EMPTY_COLUMNS_END:
                break
            continue
        header = canonical_header(raw)
        letter = get_column_letter(i)
        if header in sheet.letters:
            problems.append(
                Problem(
                    f"{name} row 1, column {letter}",
                    f"duplicate column {header!r} (also column {sheet.letters[header]}): keep one",
                )
            )
            headers.append(None)
            continue
        sheet.letters[header] = letter
        headers.append(header)
    if len(headers) == MAX_COLUMNS and any(str(v).strip() for v in header_row[MAX_COLUMNS:] if v is not None):
        problems.append(Problem(f"{name} row 1", f"more than {MAX_COLUMNS} columns"))
    while headers and headers[-1] is None:
        headers.pop()
    limit = MAX_ROWS[name]
    rows = worksheet.iter_rows(min_row=2, max_col=max(len(headers), 1), values_only=True)
    empty = 0
    for number, values in enumerate(rows, start=2):
        cells = _cells(headers, values, sheet, number, problems)
        if not cells:
            empty += 1
            if empty == EMPTY_ROWS_END:
                break
            continue
        empty = 0
        if len(sheet.rows) >= limit:
            problems.append(Problem(sheet.at(number), f"the {name} sheet has more than {limit:,} rows"))
            break
        sheet.rows.append((number, cells))
    return sheet


def _cells(
    headers: list[str | None], values: tuple, sheet: Sheet, number: int, problems: list[Problem]
) -> dict[str, str]:
    cells: dict[str, str] = {}
    for header, value in zip(headers, values, strict=False):
        if header is None:
            continue
        value = value.strip() if isinstance(value, str) else value
        if is_empty(value):
            continue
        text = xlsx_value_to_str(value)
        if len(text) > MAX_CELL:
            problems.append(Problem(sheet.at(number, header), f"longer than {MAX_CELL:,} characters"))
            text = text[:MAX_CELL]
        cells[header] = text
    return cells
