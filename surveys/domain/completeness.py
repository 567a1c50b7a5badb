"""What stands between a response and a request for approval. Pure: no ORM, no request.

A problem is a visible required question left unanswered, a required file question with no
file, an answer the definition does not allow (a number out of range, an unknown choice), or
a question whose answer earns points only with evidence and has none (or only rejected
evidence). The first three *block* the request; the last is a *warning*: the agency may
submit the answer, which then scores 0. Hidden questions are never problems: `required`
applies when visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from common.numbers import is_safe_number
from surveys.domain.conditions import visibility
from surveys.domain.definition import Definition, Node, Question
from surveys.domain.scoring import EVIDENCE_PRESENT, score_response

UNANSWERED = "unanswered"
FILE_MISSING = "file_missing"
EVIDENCE_MISSING = "evidence_missing"
EVIDENCE_REJECTED = "evidence_rejected"
INVALID = "invalid"

BLOCKING = frozenset({UNANSWERED, FILE_MISSING, INVALID})
WARNINGS = frozenset({EVIDENCE_MISSING, EVIDENCE_REJECTED})


@dataclass(frozen=True)
class Problem:
    question: Question
    pillar: Node
    kind: str

    @property
    def blocking(self) -> bool:
        """Whether it stops the request for approval (a warning does not)."""
        return self.kind in BLOCKING


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def response_problems(
    definition: Definition, answers: Mapping[str, Any], evidence: Mapping[str, str]
) -> list[Problem]:
    """Every problem, in questionnaire order; empty when the response may go for approval."""
    visible = visibility(definition, answers)
    card = score_response(definition, answers, evidence)
    problems = []
    for pillar in definition.pillars:
        for q in pillar.all_questions():
            if not visible[q.code]:
                continue
            kind = _kind(q, answers.get(q.code), evidence.get(q.code), card.questions[q.code].reason)
            if kind:
                problems.append(Problem(q, pillar, kind))
    return problems


def _kind(q: Question, value: Any, evidence: str | None, reason: str) -> str | None:
    if q.type == "file":
        return FILE_MISSING if q.required and evidence != EVIDENCE_PRESENT else None
    if _empty(value):
        return UNANSWERED if q.required else None
    if not allowed(q, value):
        return INVALID
    if reason in (EVIDENCE_MISSING, EVIDENCE_REJECTED):
        return reason
    return None


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.blocking]


def allowed(q: Question, value: Any) -> bool:
    """Whether a stored answer is one the definition allows: a known choice (or choices), a
    number within the question's bounds. The form refuses others; this catches what an older
    definition, an import or the API may have left."""
    codes = {c.code for c in q.choices}
    if q.type == "single_choice":
        return value in codes
    if q.type == "multi_choice":
        return isinstance(value, list) and all(v in codes for v in value)
    if q.type == "yes_no":
        return value in ("yes", "no", True, False)
    if q.type == "number":
        return _within(q, value)
    return True


def _within(q: Question, value: Any) -> bool:
    if not is_safe_number(value):  # not a number, or one no page can show (10**309)
        return False
    number = float(value)
    return (q.min is None or number >= q.min) and (q.max is None or number <= q.max)


def evidence_states(states_by_question: Mapping[str, list[str]]) -> dict[str, str]:
    """Reduce each question's evidence review states to what scoring reads: "present" when
    any file is not rejected, "rejected" when every file is."""
    result = {}
    for code, states in states_by_question.items():
        if states:
            result[code] = "rejected" if all(s == "rejected" for s in states) else EVIDENCE_PRESENT
    return result
