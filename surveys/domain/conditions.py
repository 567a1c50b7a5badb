"""Which questions are visible for a set of answers (`visible_if`), shared by forms and scoring."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from surveys.domain.definition import Definition


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value) if isinstance(value, str) and value.strip() else None
    except ValueError:
        return None


def _test(cond: Mapping[str, Any], answers: Mapping[str, Any], visible: dict[str, bool]) -> bool:
    if "all" in cond:
        return all(_test(c, answers, visible) for c in cond["all"])
    if "any" in cond:
        return any(_test(c, answers, visible) for c in cond["any"])
    if "not" in cond:
        return not _test(cond["not"], answers, visible)
    code = cond["question"]
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
    if number is None:
        return False
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
