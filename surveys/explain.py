"""A score card in words: every number with its reason, in the reader's language. No ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats as django_formats
from django.utils.translation import gettext as _

from common.formats import long_date, percent_text
from surveys.domain.definition import Definition, Node, Question
from surveys.domain.scoring import QuestionResult, ScoreCard


@dataclass(frozen=True)
class QuestionLine:
    code: str
    text: str
    weight: float
    score: float | None
    reason: str  # a sentence
    counts: bool  # in the denominator


@dataclass(frozen=True)
class NodeLine:
    code: str
    title: str
    weight: float
    score: float | None
    questions: list[QuestionLine]
    indicators: list[NodeLine]


def card_lines(definition: Definition, card: ScoreCard, lang: str) -> list[NodeLine]:
    """The pillars of the card, each with its indicators and questions, in definition order."""
    return [_node(definition, card, node, lang) for node in definition.pillars]


def _node(definition: Definition, card: ScoreCard, node: Node, lang: str) -> NodeLine:
    result = card.nodes.get(node.code)
    questions = [
        _question(q, card.questions[q.code], lang) for q in node.questions if q.code in card.questions
    ]
    indicators = [_node(definition, card, n, lang) for n in node.indicators]
    score = result.score if result else None
    return NodeLine(node.code, node.title.get(lang), node.weight, score, questions, indicators)


def _question(q: Question, result: QuestionResult, lang: str) -> QuestionLine:
    return QuestionLine(
        q.code, q.text.get(lang), q.weight, result.score, explain(q, result, lang), result.score is not None
    )


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _label(q: Question, code: str, lang: str | None) -> str:
    choice = q.choice(code)
    return choice.label.get(lang) if choice else code


def explain(q: Question, result: QuestionResult, lang: str | None) -> str:
    """Why this question scored what it did, as one sentence."""
    d = result.detail
    reason = result.reason
    if reason == "adjusted":
        return _("Adjusted by %(by)s: “%(why)s” (was %(was)s).") % {
            "by": d.get("by") or _("a reviewer"),
            "why": d.get("reason", ""),
            "was": percent_text(d.get("was")),
        }
    if reason in ("evidence_missing", "evidence_rejected"):
        would = percent_text(d.get("would_be"))
        if reason == "evidence_missing":
            return _("No evidence: this answer needs evidence to earn its %(would)s.") % {"would": would}
        rejected = _("The evidence was rejected: this answer would earn %(would)s with evidence.")
        return rejected % {"would": would}
    simple = {
        "not_scored": lambda: _("Not scored."),
        "hidden": lambda: _("Not asked for these answers: left out of the score."),
        "not_applicable": lambda: _("Answered “not applicable”: left out of the score."),
        "unanswered": lambda: _("Not answered: counts as 0."),
        "yes": lambda: _("Answered yes."),
        "no": lambda: _("Answered no."),
        "invalid": lambda: (
            _("The stored answer %(value)s is not a valid answer: counts as 0.")
            % {"value": repr(d.get("value"))}
        ),
    }
    if reason in simple:
        return simple[reason]()
    return _scored(q, reason, d, lang)


def _scored(q: Question, reason: str, d: dict, lang: str | None) -> str:
    if reason == "choice":
        return _("Chose “%(choice)s”: %(points)s of %(max)s points.") % {
            "choice": _label(q, d["choice"], lang),
            "points": _num(d["points"]),
            "max": _num(d["max"]),
        }
    if reason == "choices":
        chosen = ", ".join(_label(q, c, lang) for c in d["choices"])
        return _("Chose %(choices)s: %(points)s of %(max)s points.") % {
            "choices": chosen,
            "points": _num(d["points"]),
            "max": _num(d["max"]),
        }
    if reason == "linear":
        return _("%(value)s on a scale from %(min)s to %(max)s.") % {
            "value": _num(d["value"]),
            "min": _num(d["min"]),
            "max": _num(d["max"]),
        }
    if reason == "band":
        if d.get("band_min") is None:
            return _("%(value)s is below the lowest band: 0 points.") % {"value": _num(d["value"])}
        return _("%(value)s reaches the band from %(band)s: %(points)s of %(max)s points.") % {
            "value": _num(d["value"]),
            "band": _num(d["band_min"]),
            "points": _num(d["points"]),
            "max": _num(d["max"]),
        }
    return reason


def answer_words(value: Any, question: Question, lang: str | None) -> str:
    """A stored answer as people read it: choice labels (never codes), Yes/No, numbers in the
    locale's form, dates as the reader's language writes them; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if question.type in ("single_choice", "multi_choice"):
        codes = value if isinstance(value, list) else [value]
        labels = [(c.label.get(lang) if (c := question.choice(code)) else str(code)) for code in codes]
        return ", ".join(labels)
    if question.type == "yes_no":
        return _("Yes") if value == "yes" else _("No") if value == "no" else str(value)
    if question.type == "number":
        return django_formats.number_format(value)
    if question.type == "date":
        try:
            return long_date(date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    return str(value)
