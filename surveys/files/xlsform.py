"""XLSForm (.xlsx) questionnaires, read with pyxform into the plain data of a questionnaire
definition (docs/contract.md#questionnaire-definition).

`read_xlsform` returns exactly the dict the YAML/JSON loader gives for the same
questionnaire, so `parse_definition` validates it and `questionnaire_import` stores it
unchanged. This module only translates: problems of meaning (a negative weight, a
condition on an unknown question) are left to `parse_definition`, while problems of
translation (an unknown row type, an unsupported `relevant`) are reported here, all at
once, with their sheet and spreadsheet row (the header is row 1).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import (
    get_excel_column_headers,
    get_excel_rows,
    is_empty,
    xlsx_to_dict,
    xlsx_value_to_str,
)

from common.bilingual import LANGS
from common.problems import DefinitionError, Problem
from surveys.domain.definition import EVIDENCE_MODES
from surveys.files.xlsform_expressions import parse_number, parse_relevant, parse_scoring

Row = Mapping[str, str]


_TRUE = {"yes", "true", "1"}


_FALSE = {"no", "false", "0"}


_SIMPLE_TYPES = {
    "integer": "number",
    "decimal": "number",
    "text": "text",
    "date": "date",
    "file": "file",
    "image": "file",
}


_CHOICE_TYPES = {"select_one": "single_choice", "select_multiple": "multi_choice"}


# Filled in by data-collection apps (KoBo, ODK add some by default); they are not questions.
_METADATA_TYPES = {"start", "end", "today", "deviceid", "phonenumber", "username", "email", "audit"}


_BEGIN_GROUP = {"begin_group", "begin group"}


_END_GROUP = {"end_group", "end group"}


_TYPES_HINT = (
    "begin_group, end_group, select_one LIST, select_multiple LIST, integer, decimal, text, date, file, image"
)


def read_xlsform(path: str | Path) -> dict[str, Any]:
    """Plain definition data from an XLSForm workbook; DefinitionError lists every problem."""
    path = Path(path)
    content = path.read_bytes()  # an OSError here is the caller's "cannot read"
    try:
        book = xlsx_to_dict(BytesIO(content))
        bands = _extra_sheet(content, "bands")
    except PyXFormError as exc:
        raise DefinitionError([Problem(str(path), f"not a readable XLSForm workbook: {exc}")]) from exc
    reader = _Reader()
    data = reader.read(book, bands)
    if reader.problems:
        raise DefinitionError(reader.problems)
    return data


def _extra_sheet(content: bytes, name: str) -> list[dict[str, str]] | None:
    """Rows of a sheet pyxform's reader skips (it keeps XLSForm's own sheets only).

    The rows go through pyxform's own header and row readers, so a `bands` cell reads
    exactly like a `survey` cell (stripped text, whole numbers without ".0").
    """
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = next((workbook[s] for s in workbook.sheetnames if s.strip().lower() == name), None)
        if sheet is None:
            return None
        first = next(sheet.iter_rows(max_row=1), ())
        headers = get_excel_column_headers(None if c.value is None else str(c.value) for c in first)
        rows = sheet.iter_rows(min_row=2, max_col=len(headers))
        return get_excel_rows(headers=headers, rows=rows, cell_func=_cell_text)
    finally:
        workbook.close()


def _cell_text(cell: Any, row_n: int, key: str) -> str | None:
    """The same cleaning as pyxform's own .xlsx reader."""
    value = cell.value.strip() if isinstance(cell.value, str) else cell.value
    return None if is_empty(value) else xlsx_value_to_str(value)


def _normalise(row: Row) -> dict[str, str]:
    return {key.strip().lower(): value for key, value in row.items()}


def _lang(suffix: str) -> str:
    """`th`, or the code in brackets of XLSForm's `Thai (th)` style."""
    match = re.search(r"\((\w+)\)\s*$", suffix)
    return (match.group(1) if match else suffix).strip().lower()


def _texts(row: Row, base: str) -> dict[str, str]:
    """`{th, en}` from `base::th` / `base::en` columns; a plain `base` column is Thai."""
    found: dict[str, str] = {}
    for key, value in row.items():
        if key.startswith(f"{base}::"):
            found[_lang(key[len(base) + 2 :])] = value
    if base in row:
        found.setdefault("th", row[base])
    return {lang: found[lang] for lang in LANGS if lang in found}


def _flag(value: str) -> bool | None:
    """yes/true/1 or no/false/0, as spreadsheets spell them; None for anything else."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    return False if lowered in _FALSE else None


class _Reader:
    """Walks the sheets, collecting every translation problem before giving up."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def read(self, book: Mapping[str, Any], bands: list[dict[str, str]] | None) -> dict[str, Any]:
        data = self.settings(book.get("settings") or [])
        if bands is not None:
            data["bands"] = self.bands(bands)
        lists = self.choice_lists(book.get("choices") or [])
        if "survey" not in book:
            self.fail("survey", "the workbook has no survey sheet")
        data["pillars"] = self.pillars(book.get("survey") or [], lists)
        return data

    def number(self, row: Row, key: str, where: str) -> int | float | None:
        if key not in row:
            return None
        value = parse_number(row[key])
        if value is None:
            self.fail(where, f"{key} {row[key]!r} is not a number")
        return value

    def settings(self, rows: list[Row]) -> dict[str, Any]:
        row = _normalise(next((r for r in rows if r), {}))
        where = "settings row 2"
        data: dict[str, Any] = {}
        if "form_id" in row:
            data["code"] = row["form_id"]
        year_key = "year" if "year" in row else "version"
        year = self.number(row, year_key, where)
        if isinstance(year, float):
            self.fail(where, f"{year_key} {row[year_key]!r} is not a whole year, e.g. 2566")
        elif year is not None:
            data["year"] = year
        if title := _texts(row, "form_title"):
            data["title"] = title
        return data

    def bands(self, rows: Sequence[Row]) -> list[dict[str, Any]]:
        bands = []
        for i, raw in enumerate(rows, start=2):
            row = _normalise(raw)
            if not row:
                continue
            band: dict[str, Any] = {"code": row["code"]} if "code" in row else {}
            if (low := self.number(row, "min", f"bands row {i}")) is not None:
                band["min"] = low
            if label := _texts(row, "label"):
                band["label"] = label
            bands.append(band)
        return bands

    def choice_lists(self, rows: list[Row]) -> dict[str, list[dict[str, Any]]]:
        lists: dict[str, list[dict[str, Any]]] = {}
        for i, raw in enumerate(rows, start=2):
            row = _normalise(raw)
            if not row:
                continue
            where = f"choices row {i}"
            name = row.get("list_name", row.get("list name"))
            if not name:
                self.fail(where, "list_name is missing")
            elif not row.get("name"):
                self.fail(where, "name (the choice code) is missing")
            else:
                lists.setdefault(name, []).append(self.choice(row, where))
        return lists

    def choice(self, row: Row, where: str) -> dict[str, Any]:
        choice: dict[str, Any] = {"code": row["name"], "label": _texts(row, "label")}
        if (points := self.number(row, "points", where)) is not None:
            choice["points"] = points
        if "na" in row:
            na = _flag(row["na"])
            if na is None:
                self.fail(where, f"na {row['na']!r} is not yes/no")
            elif na:
                choice["na"] = True
        return choice

    def pillars(self, rows: list[Row], lists: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        pillars: list[dict[str, Any]] = []
        open_groups: list[tuple[dict[str, Any], str]] = []
        for i, raw in enumerate(rows, start=2):
            row = _normalise(raw)
            kind = " ".join(row.get("type", "").split())
            where = f"survey row {i}"
            if not row or kind in _METADATA_TYPES:
                continue
            if kind in _BEGIN_GROUP:
                self.begin_group(row, where, open_groups, pillars)
            elif kind in _END_GROUP:
                self.end_group(where, open_groups)
            else:
                self.add_question(row, kind, where, open_groups, lists)
        for group, where in open_groups:
            self.fail(where, f"group {group.get('code', '')!r} is never closed: add an end_group row")
        return pillars

    def begin_group(
        self, row: Row, where: str, open_groups: list[tuple[dict[str, Any], str]], pillars: list
    ) -> None:
        node = self.node(row, where)
        if not open_groups:
            pillars.append(node)
        elif len(open_groups) == 1:
            open_groups[0][0].setdefault("indicators", []).append(node)
        else:
            self.fail(where, "groups nest two levels at most: a pillar and its indicators")
        open_groups.append((node, where))

    def end_group(self, where: str, open_groups: list[tuple[dict[str, Any], str]]) -> None:
        if open_groups:
            open_groups.pop()
        else:
            self.fail(where, "end_group without a matching begin_group")

    def node(self, row: Row, where: str) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if row.get("name"):
            node["code"] = row["name"]
        else:
            self.fail(where, "a group needs a name (the pillar or indicator code)")
        if title := _texts(row, "label"):
            node["title"] = title
        if (weight := self.number(row, "weight", where)) is not None:
            node["weight"] = weight
        if "relevant" in row:
            self.fail(where, "relevant on a group is not supported; put it on the questions")
        return node

    def add_question(
        self,
        row: Row,
        kind: str,
        where: str,
        open_groups: list[tuple[dict[str, Any], str]],
        lists: Mapping[str, list[dict[str, Any]]],
    ) -> None:
        question = self.question(row, kind, where, lists)
        if not open_groups:
            self.fail(where, "a question must be inside a group (a pillar or an indicator)")
        elif question is not None:
            open_groups[-1][0].setdefault("questions", []).append(question)

    def question(
        self, row: Row, kind: str, where: str, lists: Mapping[str, list[dict[str, Any]]]
    ) -> dict[str, Any] | None:
        typed = self.question_type(kind, where, lists)
        if typed is None:
            return None
        question: dict[str, Any] = {"code": row["name"]} if row.get("name") else {}
        if not question:
            self.fail(where, "a question needs a name (its code)")
        question["type"] = typed["type"]
        question["text"] = _texts(row, "label")
        if "choices" in typed:
            question["choices"] = typed["choices"]
        if help_text := _texts(row, "hint"):
            question["help"] = help_text
        self.question_options(row, where, question)
        return question

    def question_type(
        self, kind: str, where: str, lists: Mapping[str, list[dict[str, Any]]]
    ) -> dict[str, Any] | None:
        parts = kind.split()
        if len(parts) == 1 and kind in _SIMPLE_TYPES:
            return {"type": _SIMPLE_TYPES[kind]}
        if len(parts) == 2 and parts[0] in _CHOICE_TYPES:
            choices = lists.get(parts[1])
            if choices is None:
                self.fail(where, f"choice list {parts[1]!r} is not on the choices sheet")
                return None
            if kind == "select_one yes_no" and sorted(c["code"] for c in choices) == ["no", "yes"]:
                return {"type": "yes_no"}
            return {"type": _CHOICE_TYPES[parts[0]], "choices": copy.deepcopy(choices)}
        self.fail(
            where, f"unknown row type {kind!r}; use one of {_TYPES_HINT}" if kind else "type is missing"
        )
        return None

    def question_options(self, row: Row, where: str, question: dict[str, Any]) -> None:
        """The optional columns; each appears in the question only when its cell is filled."""
        if "required" in row:
            required = _flag(row["required"])
            if required is None:
                self.fail(where, f"required {row['required']!r} is not yes/no")
            elif required:
                question["required"] = True
        for key in ("weight", "min", "max"):
            if (value := self.number(row, key, where)) is not None:
                question[key] = value
        if "evidence" in row:
            if row["evidence"] not in EVIDENCE_MODES:
                self.fail(where, f"evidence {row['evidence']!r}: use one of {', '.join(EVIDENCE_MODES)}")
            question["evidence"] = row["evidence"]
        self.parsed(row, "scoring", where, question, parse_scoring, "is not valid")
        self.parsed(row, "relevant", where, question, parse_relevant, "is not in the supported subset")

    def parsed(
        self,
        row: Row,
        key: str,
        where: str,
        question: dict[str, Any],
        parse: Callable[[str], dict[str, Any]],
        fault: str,
    ) -> None:
        """Translate a mini-language cell (scoring, relevant), reporting it when it does not parse."""
        if key not in row:
            return
        try:
            question["visible_if" if key == "relevant" else key] = parse(row[key])
        except ValueError as exc:
            self.fail(where, f"{key} '{row[key]}' {fault} ({exc})")
