"""A questionnaire definition (plain data) written as an XLSForm workbook that
`read_xlsform` reads back into the same data (docs/xlsform.md#export)."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook

SURVEY_HEADER = [
    "type", "name", "label::th", "label::en", "hint::th", "hint::en", "required", "relevant",
    "weight", "min", "max", "evidence", "scoring", "required_message::th", "required_message::en",
    "format",
]  # fmt: skip

CHOICES_HEADER = ["list_name", "name", "label::th", "label::en", "points", "na", "exclusive"]


def write_xlsform(data: Mapping[str, Any]) -> bytes:
    """The workbook's bytes: survey, choices, settings and (when there are bands) bands sheets."""
    book = Workbook()
    book.remove(book.worksheets[0])
    survey = book.create_sheet("survey")
    survey.append(SURVEY_HEADER)
    choices = book.create_sheet("choices")
    choices.append(CHOICES_HEADER)
    for pillar in data.get("pillars", []):
        _node(pillar, survey, choices)
    settings = book.create_sheet("settings")
    title = data.get("title", {})
    settings.append(["form_id", "year", "form_title::th", "form_title::en"])
    settings.append([data.get("code"), data.get("year"), _th(title), _en(title)])
    if data.get("bands"):
        bands = book.create_sheet("bands")
        bands.append(["code", "min", "label::th", "label::en"])
        for band in data["bands"]:
            bands.append([band.get("code"), band.get("min"), _th(band.get("label")), _en(band.get("label"))])
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()


def _th(text: Any) -> str | None:
    return text if isinstance(text, str) else (text or {}).get("th")


def _en(text: Any) -> str | None:
    return None if isinstance(text, str) else (text or {}).get("en")


def _node(node: Mapping[str, Any], survey: Any, choices: Any) -> None:
    title = node.get("title")
    survey.append(
        ["begin_group", node.get("code"), _th(title), _en(title), None, None, None, None, node.get("weight")]
    )
    if description := node.get("description"):
        survey.append(["note", f"{node.get('code')}_note", _th(description), _en(description)])
    for question in node.get("questions", []):
        _question(question, survey, choices)
    for indicator in node.get("indicators", []):
        _node(indicator, survey, choices)
    survey.append(["end_group"])


def _question(question: Mapping[str, Any], survey: Any, choices: Any) -> None:
    code, kind = question.get("code"), str(question.get("type"))
    row_type = {"number": "decimal", "yes_no": "select_one yes_no"}.get(kind, kind)
    if kind in ("single_choice", "multi_choice"):
        row_type = f"{'select_one' if kind == 'single_choice' else 'select_multiple'} {code}"
        for choice in question.get("choices", []):
            label = choice.get("label")
            choices.append(
                [
                    code,
                    choice.get("code"),
                    _th(label),
                    _en(label),
                    choice.get("points"),
                    "yes" if choice.get("na") else None,
                    "yes" if choice.get("exclusive") else None,
                ]
            )
    elif kind == "yes_no" and not _has_yes_no(choices):
        choices.append(["yes_no", "yes", "ใช่", "Yes"])
        choices.append(["yes_no", "no", "ไม่ใช่", "No"])
    scoring = question.get("scoring")
    text, help_text = question.get("text"), question.get("help")
    survey.append(
        [
            row_type,
            code,
            _th(text),
            _en(text),
            _th(help_text),
            _en(help_text),
            "yes" if question.get("required") else None,
            relevant_expression(question["visible_if"]) if question.get("visible_if") else None,
            question.get("weight"),
            question.get("min"),
            question.get("max"),
            question.get("evidence"),
            scoring_cell(scoring) if scoring else None,
            _th(question.get("required_message")),
            _en(question.get("required_message")),
            question.get("format"),
        ]
    )


def _has_yes_no(choices: Any) -> bool:
    return any(row[0].value == "yes_no" for row in choices.iter_rows(min_row=2, max_col=1))


def scoring_cell(scoring: Mapping[str, Any]) -> str:
    if "linear" in scoring:
        return f"linear:{_num(scoring['linear']['min'])}:{_num(scoring['linear']['max'])}"
    return "bands:" + ";".join(f"{_num(b['min'])}={_num(b['points'])}" for b in scoring["bands"])


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if "'" in value else f"'{value}'"
    return _num(value)


def relevant_expression(cond: Mapping[str, Any]) -> str:
    """A `visible_if` condition as the `relevant` expression `parse_relevant` reads back into it.

    Built bottom-up on an explicit stack, so a deep condition cannot overflow the recursion."""
    out: dict[int, str] = {}
    stack: list[tuple[Mapping[str, Any], bool]] = [(cond, False)]
    while stack:
        item, ready = stack.pop()
        children = _children(item)
        if children and not ready:
            stack.append((item, True))
            stack.extend((child, False) for child in children)
            continue
        out[id(item)] = _render(item, [out[id(child)] for child in children])
    return _bare(out[id(cond)])


def _children(cond: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "not" in cond:
        return [cond["not"]]
    return list(cond.get("all", cond.get("any", [])))


def _render(cond: Mapping[str, Any], parts: list[str]) -> str:
    """Every compound part is parenthesised, so it reads back as the same tree."""
    if "not" in cond:
        return f"not({_bare(parts[0])})"
    if "all" in cond:
        return "(" + " and ".join(parts) + ")"
    if "any" in cond:
        return "(" + " or ".join(parts) + ")"
    ref = f"${{{cond['question']}}}"
    if "count_selected" in cond:
        ref, cond = f"count-selected({ref})", cond["count_selected"]
    if "in" in cond:
        joined = " or ".join(f"selected({ref}, {_literal(v)})" for v in cond["in"])
        return f"({joined})" if len(cond["in"]) > 1 else joined
    for key, op in (("equals", "="), ("gte", ">="), ("lte", "<="), ("gt", ">"), ("lt", "<")):
        if key in cond:
            return f"{ref} {op} {_literal(cond[key])}"
    raise ValueError(f"not a condition: {cond!r}")


def _bare(expression: str) -> str:
    """Without the outer parentheses of a whole expression (they are not needed there)."""
    if expression.startswith("(") and expression.endswith(")"):
        depth = 0
        for i, char in enumerate(expression):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and i < len(expression) - 1:
                return expression
        return expression[1:-1]
    return expression
