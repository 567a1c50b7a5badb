"""How far a response has come: answered visible questions per pillar. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from surveys.domain.conditions import visibility
from surveys.domain.definition import Definition, Node


@dataclass(frozen=True)
class PillarProgress:
    pillar: Node
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def pillar_progress(definition: Definition, answers: Mapping[str, Any]) -> list[PillarProgress]:
    visible = visibility(definition, answers)
    result = []
    for pillar in definition.pillars:
        shown = [q for q in pillar.all_questions() if visible[q.code] and q.type != "file"]
        answered = sum(1 for q in shown if answers.get(q.code) not in (None, "", []))
        result.append(PillarProgress(pillar, answered, len(shown)))
    return result


def overall_progress(progress: list[PillarProgress]) -> tuple[int, int, int]:
    """(answered, total, percent) over every pillar: the response's overall % complete."""
    answered = sum(p.answered for p in progress)
    total = sum(p.total for p in progress)
    return answered, total, (round(100 * answered / total) if total else 100)
