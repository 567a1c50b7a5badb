"""Which questions are visible for a set of answers (`visible_if`), shared by forms and scoring."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common.numbers import is_safe_number, number_json, parse_number
from surveys.domain.definition import Definition


def _number(value: Any) -> float | None:
    if is_safe_number(value):
        return float(value)
    try:
        return number_json(parse_number(value)) if isinstance(value, str) else None
    except ValueError:  # not a number, or out of range
        return None


def _test(cond: Mapping[str, Any], answers: Mapping[str, Any], visible: dict[str, bool]) -> bool:
    if "all" in cond:
        return all(_test(c, answers, visible) for c in cond["all"])
    if "any" in cond:
        return any(_test(c, answers, visible) for c in cond["any"])
    if "not" in cond:
        return not _test(cond["not"], answers, visible)
    code = cond["question"]
    if "count_selected" in cond:  # a hidden or unanswered question has none ticked
        value = answers.get(code) if visible.get(code, False) else None
        ticked = len(value) if isinstance(value, list) else int(value not in (None, ""))
        return compare(ticked, cond["count_selected"])
    if not visible.get(code, False):
        return False  # a hidden question has no answer
    value = answers.get(code)
    if value is None or value == "" or value == []:
        return False
    chosen = value if isinstance(value, list) else [value]
    if "equals" in cond:
        return cond["equals"] in chosen
    if "in" in cond:
        return any(v in cond["in"] for v in chosen)
    number = _number(value)
    return False if number is None else compare(number, cond)


def compare(number: float, cond: Mapping[str, Any]) -> bool:
    """`number` against the one comparison of `cond`: equals, gte, lte, gt or lt."""
    if "equals" in cond:
        return number == cond["equals"]
    if "gte" in cond:
        return number >= cond["gte"]
    if "lte" in cond:
        return number <= cond["lte"]
    return number > cond["gt"] if "gt" in cond else number < cond["lt"]


def visibility(definition: Definition, answers: Mapping[str, Any]) -> dict[str, bool]:
    """Map every question code to whether it is shown, given the answers.

    Conditions may point forwards; the definition's validation rules out cycles,
    so a resolution in dependency order always terminates.
    """
    visible: dict[str, bool] = {}
    questions = definition.questions_by_code

    def resolve(code: str) -> bool:
        if code in visible:
            return visible[code]
        cond = questions[code].visible_if
        if cond is None:
            visible[code] = True
            return True
        for ref in _refs(cond):
            resolve(ref)
        visible[code] = _test(cond, answers, visible)
        return visible[code]

    for code in questions:
        resolve(code)
    return visible


def condition_refs(cond: Mapping[str, Any] | None) -> set[str]:
    """The codes of the questions a condition reads (none for no condition)."""
    return set(_refs(cond)) if cond else set()


def _refs(cond: Mapping[str, Any]) -> list[str]:
    if "not" in cond:
        return _refs(cond["not"])
    if "all" in cond or "any" in cond:
        return [ref for c in cond.get("all", cond.get("any", [])) for ref in _refs(c)]
    return [cond["question"]]
