"""The questionnaire definition as frozen dataclasses (pillars, questions, choices). Pure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from common.bilingual import Text

QUESTION_TYPES = ("single_choice", "multi_choice", "yes_no", "number", "text", "date", "file")
CHOICE_TYPES = ("single_choice", "multi_choice")
SCORED_TYPES = ("single_choice", "multi_choice", "yes_no", "number")
EVIDENCE_MODES = ("none", "optional", "required_for_points")
TEXT_FORMATS = ("email", "phone", "url")

CONDITION_OPS = ("equals", "in", "gte", "lte", "gt", "lt", "count_selected")

# The comparisons of `count_selected: {OP: N}` (how many choices are ticked, XLSForm's count-selected()).
COUNT_OPS = ("equals", "gte", "lte", "gt", "lt")

# How deep conditions may nest (all/any/not) and how long a chain of conditions on conditions
# may be: both bound the work (and the recursion) of evaluating them.
MAX_CONDITION_DEPTH = 12

MAX_CONDITION_CHAIN = 50

# Said when a questionnaire holds nothing to answer (notes, calculations and metadata are not
# questions): it imports as a draft, but cannot be published nor open a cycle.
NO_QUESTION = (
    "no question to answer (notes, calculations and metadata are not questions): "
    "imported as a draft that cannot be published nor open a cycle"
)


@dataclass(frozen=True)
class Band:
    code: str
    min: float
    label: Text


@dataclass(frozen=True)
class Choice:
    code: str
    label: Text
    points: float | None = None
    na: bool = False
    exclusive: bool = False  # "none of the above": chosen alone or not at all


@dataclass(frozen=True)
class Question:
    code: str
    type: str
    text: Text
    help: Text | None = None
    required: bool = False
    required_message: Text | None = None  # shown instead of the default when it is left unanswered
    weight: float = 1.0
    choices: tuple[Choice, ...] = ()
    evidence: str = "none"
    min: float | None = None
    max: float | None = None
    scoring: Mapping[str, Any] | None = None
    visible_if: Mapping[str, Any] | None = None
    format: str | None = None  # text questions: one of TEXT_FORMATS

    @property
    def takes_evidence(self) -> bool:
        return self.type == "file" or self.evidence != "none"

    @property
    def is_scored(self) -> bool:
        if self.weight <= 0 or self.type not in SCORED_TYPES:
            return False
        if self.type in CHOICE_TYPES:
            return any((c.points or 0) > 0 for c in self.choices)
        if self.type == "number":
            return self.scoring is not None
        return True

    def choice(self, code: str) -> Choice | None:
        return next((c for c in self.choices if c.code == code), None)


@dataclass(frozen=True)
class Node:
    """A pillar or an indicator: weighted children, either nodes or questions."""

    code: str
    title: Text
    weight: float = 1.0
    indicators: tuple[Node, ...] = ()
    questions: tuple[Question, ...] = ()
    description: Text | None = None  # display text above its questions (an XLSForm note)

    def all_questions(self) -> list[Question]:
        """Its own questions, then those of its indicators, in the file's order."""
        return [*self.questions, *(q for indicator in self.indicators for q in indicator.questions)]


@dataclass(frozen=True)
class Definition:
    code: str
    year: int | None
    title: Text
    bands: tuple[Band, ...]
    pillars: tuple[Node, ...]
    questions_by_code: Mapping[str, Question] = field(default_factory=dict, repr=False)

    def iter_questions(self) -> Iterator[Question]:
        return iter(self.questions_by_code.values())

    @property
    def has_questions(self) -> bool:
        """False for a questionnaire with nothing to answer (`pillars: []`): it may be imported, as
        a draft, but not published nor answered in a cycle."""
        return bool(self.questions_by_code)

    def band_for(self, total: float | None) -> Band | None:
        if total is None:
            return None
        for band in sorted(self.bands, key=lambda b: b.min, reverse=True):
            # A total meant to be 0.6 may come out of the weighted means as 0.5999999999999999;
            # 1e-12 is far below any difference a person can enter or read, far above rounding.
            if band.min <= total + 1e-12:
                return band
        return None
