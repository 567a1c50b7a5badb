"""The survey sheet of an XLSForm: groups to pillars and indicators, rows to questions.

Top-level groups are pillars, groups inside them indicators; deeper groups are flattened into
their indicator, and questions outside any group go to a default pillar. A group's
`relevant` is carried down to its questions. See docs/xlsform.md for the whole dialect.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from surveys.domain.definition import EVIDENCE_MODES, NO_QUESTION
from surveys.files.xlsform_columns import (
    BEGIN_GROUP,
    END_GROUP,
    LOSSY_TYPES,
    METADATA_TYPES,
    SIMPLE_TYPES,
    refused_type,
    row_kind,
    select_type,
)
from surveys.files.xlsform_expressions import parse_constraint, parse_number, parse_relevant, parse_scoring
from surveys.files.xlsform_report import Report, flag, nfc
from surveys.files.xlsform_sheets import Sheet

MAX_GROUP_DEPTH = 20

_OTHER = {"code": "other", "label": {"th": "อื่น ๆ", "en": "Other"}}

_SURVEY_COLUMNS = (
    "type", "name", "required", "weight", "min", "max", "evidence", "scoring", "calculation", "format",
)  # fmt: skip


@dataclass
class _Group:
    node: dict[str, Any] | None  # None when flattened into its parent
    where: str
    condition: dict[str, Any] | None


@dataclass
class SurveyReader:
    sheet: Sheet
    lists: Mapping[str, list[dict[str, Any]]]
    report: Report
    default_pillar: dict[str, Any]
    pillars: list[dict[str, Any]] = field(default_factory=list)
    stack: list[_Group] = field(default_factory=list)
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)  # names of calculate and metadata rows

    def read(self) -> list[dict[str, Any]]:
        self.report.use(self.sheet, *_SURVEY_COLUMNS)
        for note in self.sheet.notes:
            self.report.warn("survey", note)
        for number, row in self.sheet.rows:
            self.row(number, row)
        for group in self.stack:
            self.report.error(group.where, "this group is never closed: add an end_group row")
        self.prune_empty()
        if not self.questions and not self.report.errors:
            last = self.sheet.rows[-1][0] if self.sheet.rows else 2
            rows = f"rows 2–{last}" if last > 2 else "row 2"
            self.report.warn(f"survey {rows}, column A (type)", NO_QUESTION)
        return self.pillars

    def row(self, number: int, row: dict[str, str]) -> None:
        at = self.sheet.at
        kind = row_kind(row.get("type", ""))
        name = nfc(row.get("name", ""))
        if not kind:
            if any(key != "type" for key in row):
                self.report.warn(at(number, "type"), "the row has no type: skipped")
            return
        if kind in BEGIN_GROUP:
            self.begin_group(number, row, name)
        elif kind in END_GROUP:
            if self.stack:
                self.stack.pop()
            else:
                self.report.error(at(number, "type"), "end_group without a matching begin_group")
        elif kind in METADATA_TYPES or kind == "calculate":
            self.dropped.add(name)
            what = "a calculation" if kind == "calculate" else "filled in by the data-collection app"
            self.report.warn(at(number, "type"), f"{kind} {name!r} is {what}, not a question: dropped")
        elif kind == "note":
            self.note(number, row)
        elif (refused := refused_type(kind)) is not None:
            self.report.error(at(number, "type"), f"{kind}: {refused}")
        else:
            self.question(number, row, kind, name)

    def begin_group(self, number: int, row: dict[str, str], name: str) -> None:
        where = self.sheet.at(number, "name")
        if len(self.stack) >= MAX_GROUP_DEPTH:
            self.report.error(where, f"groups nest deeper than {MAX_GROUP_DEPTH} levels")
        condition = self.relevant(number, row)
        if len(self.stack) >= 2:
            parent = next(g.node for g in reversed(self.stack) if g.node is not None)
            self.report.warn(
                where,
                f"groups nest two levels at most (pillar, indicator): the questions of {name!r} "
                f"go into {parent.get('code', '')!r}",
            )
            self.stack.append(_Group(None, where, condition))
            return
        if not name:
            self.report.error(where, "a group needs a name (the pillar or indicator code)")
        node: dict[str, Any] = self.report.place({"code": name} if name else {}, self.sheet, number)
        node["title"] = self.report.texts(self.sheet, number, row, "label") or {"th": name}
        if (weight := self.number(number, row, "weight")) is not None:
            node["weight"] = weight
        if self.stack:
            self.stack[0].node.setdefault("indicators", []).append(node)  # type: ignore[union-attr]
        else:
            self.pillars.append(node)
        self.stack.append(_Group(node, where, condition))

    def target(self) -> dict[str, Any]:
        node = next((g.node for g in reversed(self.stack) if g.node is not None), None)
        if node is not None:
            return node
        if self.default_pillar not in self.pillars:
            self.pillars.append(self.default_pillar)
        return self.default_pillar

    def note(self, number: int, row: dict[str, str]) -> None:
        texts = self.report.texts(self.sheet, number, row, "label")
        if "relevant" in row:
            self.report.warn(self.sheet.at(number, "relevant"), "a note is always shown: relevant dropped")
            self.report.use(self.sheet, "relevant")
        if not texts:
            return
        node = self.target()
        description = node.setdefault("description", {})
        for lang, text in texts.items():
            description[lang] = f"{description[lang]}\n\n{text}" if lang in description else text

    def question(self, number: int, row: dict[str, str], kind: str, name: str) -> None:
        at = self.sheet.at
        typed = self.question_type(number, kind)
        if typed is None:
            return
        if not name:
            self.report.error(at(number, "name"), "a question needs a name (its code)")
            return
        question: dict[str, Any] = self.report.place({"code": name}, self.sheet, number)
        question["type"] = typed["type"]
        text = self.report.texts(self.sheet, number, row, "label")
        if not text:
            self.report.warn(at(number, "label"), "no label: the name is shown as the question")
            text = {"th": name}
        question["text"] = text
        if "choices" in typed:
            question["choices"] = typed["choices"]
        if help_text := self.report.texts(self.sheet, number, row, "hint"):
            question["help"] = help_text
        self.options(number, row, question)
        conditions = [g.condition for g in self.stack if g.condition is not None]
        if (own := self.relevant(number, row)) is not None:
            conditions.append(own)
        if conditions:
            question["visible_if"] = conditions[0] if len(conditions) == 1 else {"all": conditions}
        self.questions.setdefault(name, question)
        self.target().setdefault("questions", []).append(question)

    def question_type(self, number: int, kind: str) -> dict[str, Any] | None:
        where = self.sheet.at(number, "type")
        if kind in SIMPLE_TYPES:
            return {"type": SIMPLE_TYPES[kind]}
        if kind in LOSSY_TYPES:
            portal, loss = LOSSY_TYPES[kind]
            self.report.warn(where, f"{kind}: {loss}")
            return {"type": portal}
        select = select_type(kind)
        if select is None:
            self.report.error(where, f"unknown row type {kind!r} (docs/xlsform.md lists the types)")
            return None
        if select.refused:
            self.report.error(where, f"{kind}: {select.refused}")
            return None
        listed = self.lists.get(select.list_name)
        if listed is None:
            self.report.error(where, f"choice list {select.list_name!r} is not on the choices sheet")
            return None
        choices = []
        for choice in listed:  # a copy per question (labels too), still traced to its choices row
            copied = {**choice, "label": dict(choice["label"])}
            self.report.locations[id(copied)] = self.report.locations[id(choice)]
            choices.append(copied)
        if select.or_other:
            self.report.warn(where, "or_other: an 'other' choice is added; its text box is not kept")
            if not any(c.get("code") == "other" for c in choices):
                choices.append(copy.deepcopy(_OTHER))
        codes = sorted(c.get("code", "") for c in choices)
        if select.portal_type == "single_choice" and select.list_name == "yes_no" and codes == ["no", "yes"]:
            return {"type": "yes_no"}
        return {"type": select.portal_type, "choices": choices}

    def number(self, number: int, row: Mapping[str, str], key: str) -> int | float | None:
        if key not in row:
            return None
        value = parse_number(row[key])
        if value is None:
            self.report.error(self.sheet.at(number, key), f"{key} {row[key]!r} is not a number")
        return value

    def options(self, number: int, row: dict[str, str], question: dict[str, Any]) -> None:
        """The optional columns; each appears in the question only when its cell is filled."""
        at = self.sheet.at
        if "required" in row:
            required = flag(row["required"])
            if required is None:
                self.report.warn(
                    at(number, "required"), f"required {row['required']!r} is not yes/no: ignored"
                )
            elif required:
                question["required"] = True
        if message := self.report.texts(self.sheet, number, row, "required_message"):
            if question.get("required"):
                question["required_message"] = message
            else:
                self.report.warn(
                    at(number, "required_message"),
                    "required_message is shown when a required question is left unanswered; "
                    "this question is not required: dropped",
                )
        for key in ("weight", "min", "max"):
            if (value := self.number(number, row, key)) is not None:
                question[key] = value
        if "constraint" in row:
            self.constraint(number, row, question)
        if "evidence" in row:
            if row["evidence"] not in EVIDENCE_MODES:
                self.report.error(
                    at(number, "evidence"),
                    f"evidence {row['evidence']!r}: use one of {', '.join(EVIDENCE_MODES)}",
                )
            question["evidence"] = row["evidence"]
        if "format" in row:  # email | phone | url, checked by the definition's parser
            question["format"] = row["format"]
        if "scoring" in row:
            try:
                question["scoring"] = parse_scoring(row["scoring"])
            except ValueError as exc:
                self.report.error(at(number, "scoring"), f"scoring '{row['scoring']}' is not valid ({exc})")

    def constraint(self, number: int, row: dict[str, str], question: dict[str, Any]) -> None:
        self.report.use(self.sheet, "constraint")
        where = self.sheet.at(number, "constraint")
        if question["type"] != "number":
            self.report.warn(where, f"constraint '{row['constraint']}' is dropped: kept on numbers only")
            return
        try:
            bounds = parse_constraint(row["constraint"])
        except ValueError as exc:
            self.report.warn(where, f"constraint '{row['constraint']}' is dropped ({exc})")
            return
        for key, value in bounds.items():
            question.setdefault(key, value)

    def relevant(self, number: int, row: dict[str, str]) -> dict[str, Any] | None:
        if "relevant" not in row:
            return None
        self.report.use(self.sheet, "relevant")
        try:
            return parse_relevant(row["relevant"])
        except ValueError as exc:
            self.report.warn(
                self.sheet.at(number, "relevant"),
                f"relevant '{row['relevant']}' is not in the supported subset ({exc}): dropped, always shown",
            )
            return None

    def prune_empty(self) -> None:
        """Groups left without questions (only notes, or only dropped rows) are dropped, said so."""
        for pillar in list(self.pillars):
            for indicator in list(pillar.get("indicators", [])):
                if not indicator.get("questions"):
                    self.warn_empty(indicator)
                    pillar["indicators"].remove(indicator)
            if not pillar.get("indicators"):
                pillar.pop("indicators", None)
                if not pillar.get("questions"):
                    self.warn_empty(pillar)
                    self.pillars.remove(pillar)

    def warn_empty(self, node: dict[str, Any]) -> None:
        sheet, number = self.report.locations.get(id(node), (self.sheet, 1))
        self.report.warn(sheet.at(number, "name"), f"group {node.get('code', '')!r} has no question: dropped")
