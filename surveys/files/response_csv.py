"""Reading responses from CSV (`import_responses`): every bad cell reported with its line and
column, no ORM. One row per agency: `agency,<question code>...`."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter

from common.numbers import NumberTooLarge, number_json, parse_number
from surveys.domain.definition import Definition, Question

EMPTY = ""


@dataclass(frozen=True)
class CellError:
    file: str
    line: int
    column: int  # 1-based; 0 when the error is about the whole row
    header: str
    message: str

    def __str__(self) -> str:
        if not self.column:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}:{self.line}:{get_column_letter(self.column)} ({self.header}): {self.message}"


class ResponseFileError(ValueError):
    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


@dataclass(frozen=True)
class ResponseRow:
    line: int
    agency: str
    answers: dict[str, Any]


def read_responses(text: str, name: str, definition: Definition) -> tuple[list[ResponseRow], list[CellError]]:
    """Validate the whole file: its rows, and every bad cell (rows with errors included)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    errors = _check_header(header, name, definition)
    if errors:
        return [], errors
    rows: list[ResponseRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(CellError(name, line, 0, "", f"{len(cells)} cells but {len(header)} columns"))
            continue
        agency = cells[0].strip()
        if not agency:
            errors.append(CellError(name, line, 1, "agency", "the agency code is missing"))
        elif agency in seen:
            errors.append(CellError(name, line, 1, "agency", f"{agency!r} is already on line {seen[agency]}"))
        else:
            seen[agency] = line
        answers: dict[str, Any] = {}
        for column, (code, raw) in enumerate(zip(header[1:], cells[1:], strict=False), start=2):
            try:
                value = parse_cell(definition.questions_by_code[code], raw.strip())
            except ValueError as exc:
                errors.append(CellError(name, line, column, code, str(exc)))
                continue
            if value is not None:
                answers[code] = value
        rows.append(ResponseRow(line, agency, answers))
    return rows, errors


def _check_header(header: list[str], name: str, definition: Definition) -> list[CellError]:
    if not header or header[0] != "agency":
        return [CellError(name, 1, 1, header[0] if header else "", "the first column must be 'agency'")]
    errors, seen = [], set()
    for column, code in enumerate(header[1:], start=2):
        question = definition.questions_by_code.get(code)
        if question is None:
            errors.append(CellError(name, 1, column, code, f"{definition.code} has no question {code!r}"))
        elif question.type == "file":
            errors.append(CellError(name, 1, column, code, "file questions take evidence, not a value"))
        elif code in seen:
            errors.append(CellError(name, 1, column, code, "the column is repeated"))
        seen.add(code)
    return errors


def parse_cell(question: Question, raw: str) -> Any:
    """The stored JSON value of one cell; None when empty (unanswered). ValueError says why not."""
    if raw == EMPTY:
        return None
    parse = _PARSERS[question.type]
    return parse(question, raw)


def _choice(question: Question, raw: str) -> str:
    if question.choice(raw) is None:
        codes = ", ".join(c.code for c in question.choices)
        raise ValueError(f"{raw!r} is not a choice; use one of: {codes}")
    return raw


def _choices(question: Question, raw: str) -> list[str]:
    codes = [c.strip() for c in raw.split("|")]
    for code in codes:
        _choice(question, code)
    if len(set(codes)) != len(codes):
        raise ValueError("a choice is repeated")
    return codes


def _yes_no(question: Question, raw: str) -> str:
    if raw.lower() not in ("yes", "no"):
        raise ValueError(f"{raw!r} is not yes or no")
    return raw.lower()


def _number(question: Question, raw: str) -> int | float:
    try:
        value = number_json(parse_number(raw))  # bounded: length, exponent, magnitude
    except NumberTooLarge:
        raise ValueError(f"{raw[:40]!r} is too large (15 digits at most)") from None
    except ValueError:
        raise ValueError(f"{raw[:40]!r} is not a number (use a dot for decimals)") from None
    if question.min is not None and value < question.min:
        raise ValueError(f"{raw} is below the minimum {question.min:g}")
    if question.max is not None and value > question.max:
        raise ValueError(f"{raw} is above the maximum {question.max:g}")
    return value


def _date(question: Question, raw: str) -> str:
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD, Gregorian)") from None


def _text(question: Question, raw: str) -> str:
    return raw


_PARSERS = {
    "single_choice": _choice,
    "multi_choice": _choices,
    "yes_no": _yes_no,
    "number": _number,
    "date": _date,
    "text": _text,
}
