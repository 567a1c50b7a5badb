"""A questionnaire definition (the plain data of YAML/JSON) written as an XLSForm workbook that
`read_xlsform` reads back to the same questions: the XLSForm twin of a shipped questionnaire.

`in: [a, b]` conditions are written as `${q} = 'a' or ${q} = 'b'` (XLSForm has no `in`), which the
reader gives back as `any` of `equals`: the same visibility."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook

SURVEY = [
    "type", "name", "label::th", "label::en", "hint::th", "hint::en", "required", "weight", "min", "max",
    "evidence", "scoring", "relevant",
]  # fmt: skip
CHOICES = ["list_name", "name", "label::th", "label::en", "points", "na"]
YES_NO = [
    {"code": "yes", "label": {"th": "ใช่", "en": "Yes"}},
    {"code": "no", "label": {"th": "ไม่ใช่", "en": "No"}},
]


def write_xlsform(data: Mapping[str, Any], path: str | Path) -> None:
    book = Workbook()
    book.remove(book.worksheets[0])
    survey = book.create_sheet("survey")
    survey.append(SURVEY)
    choices = book.create_sheet("choices")
    choices.append(CHOICES)
    lists: dict[str, list[dict[str, Any]]] = {}
    for row in _survey_rows(data, lists):
        survey.append([row.get(column) for column in SURVEY])
    for name, items in lists.items():
        for c in items:
            label = c.get("label") or {}
            choices.append(
                [
                    name,
                    c["code"],
                    label.get("th"),
                    label.get("en"),
                    c.get("points"),
                    "yes" if c.get("na") else None,
                ]
            )
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version", "form_title::th", "form_title::en"])
    settings.append([data["code"], data.get("year"), data["title"]["th"], data["title"].get("en")])
    bands = book.create_sheet("bands")
    bands.append(["code", "min", "label::th", "label::en"])
    for band in data.get("bands", []):
        bands.append([band["code"], band["min"], band["label"]["th"], band["label"].get("en")])
    book.save(path)


def _survey_rows(data: Mapping[str, Any], lists: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for pillar in data["pillars"]:
        yield from _group(pillar, lists)


def _group(node: Mapping[str, Any], lists: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    title = node.get("title") or {}
    yield {"type": "begin_group", "name": node["code"], "label::th": title.get("th"),
           "label::en": title.get("en"), "weight": node.get("weight")}  # fmt: skip
    for question in node.get("questions", []):
        yield _question(question, lists)
    for indicator in node.get("indicators", []):
        yield from _group(indicator, lists)
    yield {"type": "end_group"}


def _question(q: Mapping[str, Any], lists: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    kind = q["type"]
    if kind == "yes_no":
        lists.setdefault("yes_no", YES_NO)
        row_type = "select_one yes_no"
    elif kind in ("single_choice", "multi_choice"):
        lists[q["code"]] = q["choices"]
        row_type = f"{'select_one' if kind == 'single_choice' else 'select_multiple'} {q['code']}"
    else:
        row_type = {"number": "decimal"}.get(kind, kind)
    text, hint = q.get("text") or {}, q.get("help") or {}
    row = {
        "type": row_type, "name": q["code"], "label::th": text.get("th"), "label::en": text.get("en"),
        "hint::th": hint.get("th"), "hint::en": hint.get("en"),
        "required": "yes" if q.get("required") else None,
        "weight": q.get("weight"), "min": q.get("min"), "max": q.get("max"), "evidence": q.get("evidence"),
    }  # fmt: skip
    if scoring := q.get("scoring"):
        if "linear" in scoring:
            row["scoring"] = f"linear:{scoring['linear']['min']}:{scoring['linear']['max']}"
        else:
            row["scoring"] = "bands:" + ";".join(f"{b['min']}={b['points']}" for b in scoring["bands"])
    if condition := q.get("visible_if"):
        row["relevant"] = _relevant(condition)
    return row


def _relevant(c: Mapping[str, Any]) -> str:
    if "all" in c or "any" in c:
        word, items = ("and", c["all"]) if "all" in c else ("or", c["any"])
        return f" {word} ".join(f"({_relevant(i)})" for i in items)
    ref = "${" + c["question"] + "}"
    if "in" in c:
        return " or ".join(f"{ref} = '{v}'" for v in c["in"])
    if "equals" in c:
        value = c["equals"]
        return f"{ref} = '{value}'" if isinstance(value, str) else f"{ref} = {value}"
    op, value = (">=", c["gte"]) if "gte" in c else ("<=", c["lte"])
    return f"{ref} {op} {value}"
