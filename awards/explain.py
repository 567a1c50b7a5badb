"""A score card in rows people can read: pillar, indicator, question, score, and why. No ORM.

A question's "why" is the survey's own sentence (surveys.explain.explain), so an agency's score
card and the award pages explain a question with the same words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from surveys.domain.definition import Definition, Node
from surveys.domain.scoring import QuestionResult
from surveys.explain import explain


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
            why = explain(q, QuestionResult(**result), lang)
            rows.append(Row("question", q.code, q.text.get(lang), result.get("score"), q.weight, why))

    for pillar in definition.pillars:
        walk(pillar, "pillar")
    return rows
