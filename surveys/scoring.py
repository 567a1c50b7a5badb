"""The scoring engine of DESIGN §5: definition + answers + evidence + adjustments → score card.

Pure: no ORM, no request. Every number on the card carries its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .conditions import visibility
from .definition import Definition, Node, Question

# Evidence states per question, as the review sees them.
EVIDENCE_PRESENT = "present"
EVIDENCE_REJECTED = "rejected"


@dataclass(frozen=True)
class Adjustment:
    score: float
    reason: str
    by: str = ""


@dataclass
class QuestionResult:
    code: str
    score: float | None  # None: not applicable, or not scored
    weight: float
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class NodeResult:
    code: str
    score: float | None
    weight: float


@dataclass
class ScoreCard:
    total: float | None
    band: str | None
    nodes: dict[str, NodeResult]
    questions: dict[str, QuestionResult]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreCard:
        return cls(
            total=data["total"],
            band=data["band"],
            nodes={k: NodeResult(**v) for k, v in data["nodes"].items()},
            questions={k: QuestionResult(**v) for k, v in data["questions"].items()},
        )


def score_response(
    definition: Definition,
    answers: Mapping[str, Any],
    evidence: Mapping[str, str] | None = None,
    adjustments: Mapping[str, Adjustment] | None = None,
) -> ScoreCard:
    """Score one response. Weighted means over applicable children, bands by the total."""
    evidence = evidence or {}
    adjustments = adjustments or {}
    visible = visibility(definition, answers)
    questions: dict[str, QuestionResult] = {}
    nodes: dict[str, NodeResult] = {}

    def question_result(q: Question) -> QuestionResult:
        result = _question(q, answers.get(q.code), visible[q.code], evidence.get(q.code))
        adjustment = adjustments.get(q.code)
        if adjustment is not None and result.reason not in ("not_scored", "hidden"):
            result = QuestionResult(
                q.code,
                min(1.0, max(0.0, float(adjustment.score))),
                q.weight,
                "adjusted",
                {"by": adjustment.by, "reason": adjustment.reason, "was": result.score},
            )
        questions[q.code] = result
        return result

    def node_result(node: Node) -> NodeResult:
        children = [(n.weight, node_result(n).score) for n in node.indicators]
        children += [(q.weight, question_result(q).score) for q in node.questions]
        result = NodeResult(node.code, _weighted_mean(children), node.weight)
        nodes[node.code] = result
        return result

    pillars = [node_result(p) for p in definition.pillars]
    total = _weighted_mean([(p.weight, p.score) for p in pillars])
    band = definition.band_for(total)
    return ScoreCard(total, band.code if band else None, nodes, questions)


def _weighted_mean(children: list[tuple[float, float | None]]) -> float | None:
    weights = 0.0
    acc = 0.0
    for weight, score in children:
        if score is None or weight <= 0:
            continue
        weights += weight
        acc += weight * score
    return acc / weights if weights > 0 else None


def _question(q: Question, value: Any, visible: bool, evidence: str | None) -> QuestionResult:
    if not q.is_scored:
        return QuestionResult(q.code, None, q.weight, "not_scored")
    if not visible:
        return QuestionResult(q.code, None, q.weight, "hidden")
    if value is None or value == "" or value == []:
        return QuestionResult(q.code, 0.0, q.weight, "unanswered")
    result = _SCORERS[q.type](q, value)
    if result.score and q.evidence == "required_for_points" and evidence != EVIDENCE_PRESENT:
        reason = "evidence_rejected" if evidence == EVIDENCE_REJECTED else "evidence_missing"
        return QuestionResult(q.code, 0.0, q.weight, reason, {"would_be": result.score})
    return result


def _single(q: Question, value: Any) -> QuestionResult:
    choice = q.choice(value) if isinstance(value, str) else None
    if choice is None:
        return QuestionResult(q.code, 0.0, q.weight, "invalid", {"value": value})
    if choice.na:
        return QuestionResult(q.code, None, q.weight, "not_applicable", {"choice": choice.code})
    best = max((c.points or 0) for c in q.choices)
    points = choice.points or 0
    return QuestionResult(
        q.code, points / best, q.weight, "choice", {"choice": choice.code, "points": points, "max": best}
    )


def _multi(q: Question, value: Any) -> QuestionResult:
    codes = value if isinstance(value, list) else [value]
    chosen = [c for c in q.choices if c.code in codes]
    if chosen and all(c.na for c in chosen):
        return QuestionResult(q.code, None, q.weight, "not_applicable", {"choices": codes})
    possible = sum(c.points for c in q.choices if c.points and c.points > 0)
    points = sum(c.points or 0 for c in chosen)
    score = min(1.0, points / possible)
    detail = {"choices": [c.code for c in chosen], "points": points, "max": possible}
    return QuestionResult(q.code, score, q.weight, "choices", detail)


def _yes_no(q: Question, value: Any) -> QuestionResult:
    if value in ("yes", True):
        return QuestionResult(q.code, 1.0, q.weight, "yes")
    if value in ("no", False):
        return QuestionResult(q.code, 0.0, q.weight, "no")
    return QuestionResult(q.code, 0.0, q.weight, "invalid", {"value": value})


def _number(q: Question, value: Any) -> QuestionResult:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return QuestionResult(q.code, 0.0, q.weight, "invalid", {"value": value})
    x = float(value)
    scoring = q.scoring or {}
    if "linear" in scoring:
        low, high = scoring["linear"]["min"], scoring["linear"]["max"]
        score = min(1.0, max(0.0, (x - low) / (high - low)))
        return QuestionResult(q.code, score, q.weight, "linear", {"value": x, "min": low, "max": high})
    bands = scoring["bands"]
    best = max(b["points"] for b in bands)
    reached = [b for b in bands if b["min"] <= x]
    points = reached[-1]["points"] if reached else 0.0
    detail = {"value": x, "band_min": reached[-1]["min"] if reached else None, "points": points, "max": best}
    return QuestionResult(q.code, points / best, q.weight, "band", detail)


_SCORERS = {"single_choice": _single, "multi_choice": _multi, "yes_no": _yes_no, "number": _number}
