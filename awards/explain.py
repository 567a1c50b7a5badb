"""A score card in rows people can read: pillar, indicator, question, score, and why. No ORM."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from surveys.domain.definition import Definition, Node


@dataclass(frozen=True)
class Row:
    level: str  # pillar | indicator | question
    code: str
    title: str
    score: float | None
    weight: float
    why: str = ""


def card_rows(definition: Definition, card: Mapping[str, Any], lang: str | None) -> list[Row]:
    nodes = card.get("nodes") or {}
    questions = card.get("questions") or {}
    rows: list[Row] = []

    def walk(node: Node, level: str) -> None:
        found = nodes.get(node.code) or {}
        rows.append(Row(level, node.code, node.title.get(lang), found.get("score"), node.weight))
        for child in node.indicators:
            walk(child, "indicator")
        for q in node.questions:
            result = questions.get(q.code)
            if result is None or result.get("reason") == "not_scored":
                continue
            why = question_reason(result, q, lang)
            rows.append(Row("question", q.code, q.text.get(lang), result.get("score"), q.weight, why))

    for pillar in definition.pillars:
        walk(pillar, "pillar")
    return rows


def _choice_label(question, code: str, lang: str | None) -> str:
    choice = question.choice(code) if question is not None else None
    return choice.label.get(lang) if choice else code


def question_reason(result: Mapping[str, Any], question, lang: str | None) -> str:
    reason, d = result.get("reason"), result.get("detail") or {}
    if reason == "choice":
        label = _choice_label(question, d.get("choice", ""), lang)
        return _("chose “%(choice)s”: %(points)s of %(max)s points") % {"choice": label, **_points(d)}
    if reason == "choices":
        labels = ", ".join(_choice_label(question, c, lang) for c in d.get("choices", []))
        return _("chose %(choices)s: %(points)s of %(max)s points") % {"choices": labels or "—", **_points(d)}
    if reason == "linear":
        return _("answered %(value)g on a scale from %(min)g to %(max)g") % d
    if reason == "band":
        return _("answered %(value)g: band from %(min)s, %(points)s of %(max)s points") % {
            "value": d.get("value"), "min": d.get("band_min"), **_points(d),
        }  # fmt: skip
    if reason == "adjusted":
        return _("adjusted by %(by)s: %(reason)s") % {
            "by": d.get("by") or "DGA",
            "reason": d.get("reason", ""),
        }
    return _SIMPLE.get(str(reason), lambda: str(reason))()


def _points(d: Mapping[str, Any]) -> dict[str, str]:
    return {"points": f"{d.get('points', 0):g}", "max": f"{d.get('max', 0):g}"}


_SIMPLE = {
    "yes": lambda: _("answered yes"),
    "no": lambda: _("answered no"),
    "unanswered": lambda: _("not answered"),
    "hidden": lambda: _("not applicable: the question did not apply"),
    "not_applicable": lambda: _("not applicable, as answered"),
    "evidence_missing": lambda: _("no points: the evidence it needs is missing"),
    "evidence_rejected": lambda: _("no points: the evidence was rejected"),
    "invalid": lambda: _("the answer is not valid"),
}
