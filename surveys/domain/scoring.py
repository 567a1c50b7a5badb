"""The scoring engine (docs/contract.md#scoring): definition + answers + evidence + adjustments → score card.

Pure: no ORM, no request. Every number on the card carries its reason (a code and the
facts behind it); `surveys/explain.py` turns those into sentences in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from common.numbers import is_safe_number
from surveys.domain.conditions import visibility
from surveys.domain.definition import Definition, Node, Question

# Evidence states per question, as the engine sees them. Whoever gathers the inputs maps
# the stored evidence onto these: uploaded (not yet verified) counts until a reviewer rejects it.
EVIDENCE_PRESENT = "present"
EVIDENCE_VERIFIED = "verified"
EVIDENCE_REJECTED = "rejected"
EVIDENCE_COUNTS = frozenset({EVIDENCE_PRESENT, EVIDENCE_VERIFIED})

# Question reasons. None-scored ones stay out of every denominator.
NOT_SCORED = "not_scored"  # text, date, file, weight 0, or no points to earn
HIDDEN = "hidden"  # visible_if is false
NOT_APPLICABLE = "not_applicable"  # a choice marked na
UNANSWERED = "unanswered"
INVALID = "invalid"  # a stored value the definition does not know: scores 0, shown to reviewers
EVIDENCE_MISSING = "evidence_missing"
EVIDENCE_REJECTED_REASON = "evidence_rejected"
ADJUSTED = "adjusted"
OUT_OF_DENOMINATOR = frozenset({NOT_SCORED, HIDDEN, NOT_APPLICABLE})

# Node reasons.
WEIGHTED_MEAN = "weighted_mean"
NO_APPLICABLE_CHILD = "not_applicable"


@dataclass(frozen=True)
class Adjustment:
    """A reviewer's replacement of one question's score, with who and why."""

    score: float
    reason: str
    by: str = ""


@dataclass
class QuestionResult:
    code: str
    score: float | None  # None: out of the denominator (not scored, hidden, not applicable)
    weight: float
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class NodeResult:
    code: str
    score: float | None  # None: no applicable child
    weight: float
    reason: str = WEIGHTED_MEAN
    applicable_weight: float = 0.0  # Σ wᵢ over the children that counted


@dataclass
class ScoreCard:
    total: float | None
    band: str | None
    nodes: dict[str, NodeResult]
    questions: dict[str, QuestionResult]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (shallow: dataclasses.asdict's deep copy costs more than scoring)."""
        return {
            "total": self.total,
            "band": self.band,
            "nodes": {k: dict(vars(n)) for k, n in self.nodes.items()},
            "questions": {k: dict(vars(q)) for k, q in self.questions.items()},
        }

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
    """Score one response: question fractions, weighted means up the tree, the band of the total."""
    evidence = evidence or {}
    adjustments = adjustments or {}
    visible = visibility(definition, answers)
    questions: dict[str, QuestionResult] = {}
    nodes: dict[str, NodeResult] = {}

    def question_result(q: Question) -> QuestionResult:
        result = _question(q, answers.get(q.code), visible[q.code], evidence.get(q.code))
        adjustment = adjustments.get(q.code)
        if adjustment is not None and result.reason not in (NOT_SCORED, HIDDEN):
            result = _adjusted(q, result, adjustment)
        questions[q.code] = result
        return result

    def node_result(node: Node) -> NodeResult:
        children = [(n.weight, node_result(n).score) for n in node.indicators]
        children += [(q.weight, question_result(q).score) for q in node.questions]
        score, weights = _weighted_mean(children)
        reason = WEIGHTED_MEAN if score is not None else NO_APPLICABLE_CHILD
        result = NodeResult(node.code, score, node.weight, reason, weights)
        nodes[node.code] = result
        return result

    pillars = [node_result(p) for p in definition.pillars]
    total, _ = _weighted_mean([(p.weight, p.score) for p in pillars])
    band = definition.band_for(total)
    return ScoreCard(total, band.code if band else None, nodes, questions)


def _weighted_mean(children: list[tuple[float, float | None]]) -> tuple[float | None, float]:
    """Σ wᵢsᵢ ÷ Σ wᵢ over children that are applicable and weigh something."""
    weights = 0.0
    acc = 0.0
    for weight, score in children:
        if score is None or weight <= 0:
            continue
        weights += weight
        acc += weight * score
    if weights <= 0:
        return None, 0.0
    return acc / weights, weights


def _adjusted(q: Question, result: QuestionResult, adjustment: Adjustment) -> QuestionResult:
    detail = {
        "by": adjustment.by,
        "reason": adjustment.reason,
        "was": result.score,
        "was_reason": result.reason,
    }
    return QuestionResult(q.code, min(1.0, max(0.0, float(adjustment.score))), q.weight, ADJUSTED, detail)


def _question(q: Question, value: Any, visible: bool, evidence: str | None) -> QuestionResult:
    if not q.is_scored:
        return QuestionResult(q.code, None, q.weight, NOT_SCORED)
    if not visible:
        return QuestionResult(q.code, None, q.weight, HIDDEN)
    if value is None or value == "" or value == []:
        return QuestionResult(q.code, 0.0, q.weight, UNANSWERED)
    result = _SCORERS[q.type](q, value)
    if result.score and q.evidence == "required_for_points" and evidence not in EVIDENCE_COUNTS:
        reason = EVIDENCE_REJECTED_REASON if evidence == EVIDENCE_REJECTED else EVIDENCE_MISSING
        return QuestionResult(q.code, 0.0, q.weight, reason, {**result.detail, "would_be": result.score})
    return result


def _invalid(q: Question, value: Any) -> QuestionResult:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not is_safe_number(value):
        value = None  # a number out of range is not carried into the card (nor into pages)
    return QuestionResult(q.code, 0.0, q.weight, INVALID, {"value": value})


def _single(q: Question, value: Any) -> QuestionResult:
    choice = q.choice(value) if isinstance(value, str) else None
    if choice is None:
        return _invalid(q, value)
    if choice.na:
        return QuestionResult(q.code, None, q.weight, NOT_APPLICABLE, {"choice": choice.code})
    best = max((c.points or 0) for c in q.choices)
    points = choice.points or 0
    detail = {"choice": choice.code, "points": points, "max": best}
    return QuestionResult(q.code, points / best, q.weight, "choice", detail)


def _multi(q: Question, value: Any) -> QuestionResult:
    codes = value if isinstance(value, list) else [value]
    known = {c.code for c in q.choices}
    if not all(isinstance(c, str) and c in known for c in codes):
        return _invalid(q, value)
    chosen = [c for c in q.choices if c.code in codes]
    if all(c.na for c in chosen):
        return QuestionResult(q.code, None, q.weight, NOT_APPLICABLE, {"choices": [c.code for c in chosen]})
    possible = sum(c.points for c in q.choices if c.points and c.points > 0)
    points = sum(c.points or 0 for c in chosen if not c.na)
    detail = {"choices": [c.code for c in chosen], "points": points, "max": possible}
    return QuestionResult(q.code, min(1.0, points / possible), q.weight, "choices", detail)


def _yes_no(q: Question, value: Any) -> QuestionResult:
    if value in ("yes", True):
        return QuestionResult(q.code, 1.0, q.weight, "yes")
    if value in ("no", False):
        return QuestionResult(q.code, 0.0, q.weight, "no")
    return _invalid(q, value)


def _number(q: Question, value: Any) -> QuestionResult:
    if not is_safe_number(value):  # not a number, or one stored before the bounds (10**309)
        return _invalid(q, value)
    x = float(value)
    scoring = q.scoring or {}
    if "linear" in scoring:
        low, high = scoring["linear"]["min"], scoring["linear"]["max"]
        score = min(1.0, max(0.0, (x - low) / (high - low)))
        return QuestionResult(q.code, score, q.weight, "linear", {"value": x, "min": low, "max": high})
    bands = scoring["bands"]
    best = max(b["points"] for b in bands)
    reached = [b for b in bands if b["min"] <= x]  # bands are sorted by min (the parser checks)
    points = reached[-1]["points"] if reached else 0.0
    detail = {"value": x, "band_min": reached[-1]["min"] if reached else None, "points": points, "max": best}
    return QuestionResult(q.code, points / best, q.weight, "band", detail)


_SCORERS = {"single_choice": _single, "multi_choice": _multi, "yes_no": _yes_no, "number": _number}
