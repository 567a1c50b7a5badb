"""XLSForm (.xlsx) questionnaires into the plain data of a questionnaire definition
(docs/contract.md#questionnaire-definition, the dialect in docs/xlsform.md).

`read_xlsform_report` returns the dict the YAML/JSON loader gives for the same
questionnaire, with the warnings of what was dropped; what cannot be imported raises
DefinitionError, every problem at its sheet, row and column (problems of meaning found by
`parse_definition` are traced back to the row they came from).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from common.problems import DefinitionError, Problem
from surveys.domain.definition import CHOICE_TYPES, Definition
from surveys.domain.definition_parser import MAX_CODE, parse_definition
from surveys.files.xlsform_columns import text_column
from surveys.files.xlsform_expressions import parse_number
from surveys.files.xlsform_report import Report, flag, nfc
from surveys.files.xlsform_sheets import Sheet, read_sheets
from surveys.files.xlsform_survey import SurveyReader

MAX_CHOICES_PER_LIST = 2_000

# An XLSForm `version` is often a date stamp (2024051501); only a Buddhist Era year is a year.
_BE_YEARS = range(2400, 2800)

# Definition keys → the column they came from, to name the cell of a problem found later.
_COLUMNS = {"code": "name", "text": "label", "title": "label", "help": "hint", "visible_if": "relevant"}
_SETTINGS_COLUMNS = {"code": "form_id", "title": "form_title", "year": "year"}


@dataclass(frozen=True)
class XLSFormRead:
    data: dict[str, Any]
    warnings: list[Problem]
    definition: Definition  # the data, validated (so the import need not parse it again)


def read_xlsform(path: str | Path) -> dict[str, Any]:
    """Plain definition data from an XLSForm workbook; DefinitionError lists every problem."""
    return read_xlsform_report(path).data


def read_xlsform_report(path: str | Path, *, default_pillar: str | None = None) -> XLSFormRead:
    """The definition data and the warnings; DefinitionError with every error (sheet, row, column)."""
    path = Path(path)
    content = path.read_bytes()  # an OSError here is the caller's "cannot read"
    sheets, problems = read_sheets(content, str(path))
    if problems:
        raise DefinitionError(problems)
    report = Report()
    data = _read(sheets, report, path, default_pillar)
    definition = None
    if not report.errors:
        try:
            definition = parse_definition(data)
        except DefinitionError as exc:
            report.errors.extend(_located(data, p, sheets, report.locations) for p in exc.problems)
    if report.errors or definition is None:
        raise DefinitionError(report.errors, report.warnings)
    return XLSFormRead(data, report.warnings, definition)


def _read(
    sheets: Mapping[str, Sheet], report: Report, path: Path, default_pillar: str | None
) -> dict[str, Any]:
    if "survey" not in sheets:
        report.error("survey", "the workbook has no survey sheet")
        return {}
    settings = sheets.get("settings") or Sheet("settings")
    data = _settings(settings, report, path)
    if "bands" in sheets:
        data["bands"] = _bands(sheets["bands"], report)
    lists = _choice_lists(sheets.get("choices") or Sheet("choices"), report)
    settings_row = settings.rows[0][1] if settings.rows else {}
    code = nfc(default_pillar or settings_row.get("default_pillar", "main"))
    report.use(settings, "default_pillar")
    pillar = {"code": code, "title": dict(data["title"])}
    reader = SurveyReader(sheets["survey"], lists, report, pillar)
    data["pillars"] = reader.read()
    _fix_conditions(reader, report)
    for sheet in sheets.values():
        report.unused_columns(sheet)
    return data


def _settings(sheet: Sheet, report: Report, path: Path) -> dict[str, Any]:
    number, row = sheet.rows[0] if sheet.rows else (2, {})
    report.use(sheet, "form_id", "year", "version", "default_language")
    if "default_language" in row:
        column = text_column(f"label::{row['default_language'].lower()}")
        report.default_lang = column.lang if column and column.lang else "th"
    data: dict[str, Any] = {}
    if row.get("form_id"):
        data["code"] = nfc(row["form_id"])
    else:
        data["code"] = slugify(path.stem)[:MAX_CODE] or "questionnaire"
        report.warn(
            sheet.at(number, "form_id"), f"no form_id: the code is {data['code']!r}, from the file name"
        )
    if "year" in row:
        year = parse_number(row["year"])
        if not isinstance(year, int):
            report.error(sheet.at(number, "year"), f"year {row['year']!r} is not a whole year, e.g. 2566")
        else:
            data["year"] = year
    elif "version" in row:
        version = parse_number(row["version"])
        if isinstance(version, int) and version in _BE_YEARS:
            data["year"] = version
        else:
            report.warn(
                sheet.at(number, "version"),
                f"version {row['version']!r} is not a Buddhist Era year: the questionnaire has no year",
            )
    title = report.texts(sheet, number, row, "form_title")
    if not title:
        title = {"th": data["code"]}
        report.warn(sheet.at(number, "form_title"), "no form_title: the code is the title")
    data["title"] = title
    return data


def _bands(sheet: Sheet, report: Report) -> list[dict[str, Any]]:
    report.use(sheet, "code", "min")
    bands = []
    for number, row in sheet.rows:
        band: dict[str, Any] = report.place({"code": row["code"]} if "code" in row else {}, sheet, number)
        if "min" in row:
            low = parse_number(row["min"])
            if low is None:
                report.error(sheet.at(number, "min"), f"min {row['min']!r} is not a number")
            band["min"] = low
        if label := report.texts(sheet, number, row, "label"):
            band["label"] = label
        bands.append(band)
    return bands


def _choice_lists(sheet: Sheet, report: Report) -> dict[str, list[dict[str, Any]]]:
    report.use(sheet, "list_name", "name", "points", "na", "exclusive")
    lists: dict[str, list[dict[str, Any]]] = {}
    for number, row in sheet.rows:
        name = row.get("list_name")
        if not name:
            report.error(sheet.at(number, "list_name"), "list_name is missing")
            continue
        if not row.get("name"):
            report.error(sheet.at(number, "name"), "name (the choice code) is missing")
            continue
        listed = lists.setdefault(name, [])
        if len(listed) == MAX_CHOICES_PER_LIST:
            report.error(
                sheet.at(number, "list_name"), f"list {name!r} has more than {MAX_CHOICES_PER_LIST:,} choices"
            )
        if len(listed) >= MAX_CHOICES_PER_LIST:
            continue
        if any(c["code"] == nfc(row["name"]) for c in listed):
            report.warn(
                sheet.at(number, "name"),
                f"choice {row['name']!r} is already in list {name!r} (choice_filter is not kept): dropped",
            )
            continue
        listed.append(_choice(sheet, number, row, report))
    return lists


def _choice(sheet: Sheet, number: int, row: Mapping[str, str], report: Report) -> dict[str, Any]:
    code = nfc(row["name"])
    choice: dict[str, Any] = report.place({"code": code}, sheet, number)
    label = report.texts(sheet, number, row, "label")
    if not label:
        report.warn(sheet.at(number, "label"), "no label: the name is shown as the choice")
        label = {"th": code}
    choice["label"] = label
    if "points" in row:
        points = parse_number(row["points"])
        if points is None:
            report.error(sheet.at(number, "points"), f"points {row['points']!r} is not a number")
        choice["points"] = points
    if "na" in row:
        na = flag(row["na"])
        if na is None:
            report.error(sheet.at(number, "na"), f"na {row['na']!r} is not yes/no")
        elif na:
            choice["na"] = True
    if "exclusive" in row:
        exclusive = flag(row["exclusive"])
        if exclusive is None:
            report.error(sheet.at(number, "exclusive"), f"exclusive {row['exclusive']!r} is not yes/no")
        elif exclusive:
            choice["exclusive"] = True
    return choice


def _fix_conditions(reader: SurveyReader, report: Report) -> None:
    """`${a} = 1` where a's choice code is "1" compares codes; a condition on a dropped row
    (a calculate, a metadata field) cannot be evaluated, so it is dropped, said so."""
    for question in reader.questions.values():
        condition = question.get("visible_if")
        if condition is None:
            continue
        stack, refs = [condition], []
        while stack:
            cond = stack.pop()
            if "not" in cond:
                stack.append(cond["not"])
            elif "all" in cond or "any" in cond:
                stack.extend(cond.get("all", cond.get("any", [])))
            else:
                refs.append(cond["question"])
                source = reader.questions.get(cond["question"])
                if source and source["type"] in CHOICE_TYPES and isinstance(cond.get("equals"), int | float):
                    cond["equals"] = str(cond["equals"])
        dropped = sorted(set(refs) & reader.dropped)
        if dropped:
            sheet, number = report.locations[id(question)]
            report.warn(
                sheet.at(number, "relevant"),
                f"relevant refers to {', '.join(dropped)}, which the portal does not keep: "
                "dropped, always shown",
            )
            del question["visible_if"]


_STEP = re.compile(r"([^.\[]+)|\[(\d+)\]")


def _located(
    data: dict[str, Any],
    problem: Problem,
    sheets: Mapping[str, Sheet],
    locations: Mapping[int, tuple[Sheet, int]],
) -> Problem:
    """A problem at a definition path (pillars[0].questions[2].visible_if) → at its sheet cell."""
    node: Any = data
    found: tuple[Sheet, int] | None = None
    column: str | None = None
    for key, index in _STEP.findall(problem.path):
        if key:
            if found is not None and column is None:
                column = key
            node = node.get(key) if isinstance(node, Mapping) else None
        if index and isinstance(node, list) and int(index) < len(node):
            node = node[int(index)]
        if isinstance(node, dict) and id(node) in locations:
            found, column = locations[id(node)], None
    if found is not None:
        sheet, number = found
        return Problem(sheet.at(number, _COLUMNS.get(column, column) if column else None), problem.message)
    settings = sheets.get("settings") or Sheet("settings")
    top = _SETTINGS_COLUMNS.get(problem.path.split(".")[0], problem.path.split(".")[0])
    column = next((header for header in settings.letters if header.split(":")[0] == top), top)
    where = settings.at(2, column) if problem.path else "survey"
    return Problem(where, problem.message)
