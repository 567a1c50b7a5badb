"""The questionnaire definition file (docs/contract.md#questionnaire-definition): parsing and
validation. Pure.

`parse_definition` turns the plain data of a YAML/JSON file into a `Definition`, or raises
`DefinitionError` listing every problem with its location at once."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from common.bilingual import Text
from common.problems import DefinitionError, ProblemCollector, is_number, join_path
from surveys.domain.datafile import load_data_file
from surveys.domain.definition import (
    CHOICE_TYPES,
    EVIDENCE_MODES,
    QUESTION_TYPES,
    TEXT_FORMATS,
    Band,
    Choice,
    Definition,
    Node,
    Question,
)
from surveys.domain.definition_conditions import ConditionChecker

_TOP_KEYS = {"code", "year", "title", "description", "bands", "pillars"}
_BAND_KEYS = {"code", "min", "label"}
_NODE_KEYS = {"code", "title", "weight", "indicators", "questions", "description"}
_QUESTION_KEYS = {
    "code", "type", "text", "help", "required", "required_message", "weight", "choices", "evidence",
    "min", "max", "scoring", "visible_if", "format",
}  # fmt: skip
_CHOICE_KEYS = {"code", "label", "points", "na", "exclusive"}

# The database columns these go to (surveys/models/questionnaire.py, the answers' question_code).
MAX_CODE = 100

MAX_TITLE = 300

# A pillar is one page: beyond this many questions its page is too slow to fill in (and to render).
MAX_PILLAR_QUESTIONS = 150

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")

_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")

_URL_SAFE = re.compile(r"^[\w.-]+$")


@functools.lru_cache(maxsize=4096)  # choice codes repeat question after question
def code_problem(code: str, *, slug: bool, in_url: bool = True) -> str | None:
    """Why a code cannot be used (it becomes part of a URL and a database key), or None.

    Codes must be NFC-normalised (two spellings of one Thai word are one code), without
    zero-width characters (two codes that look the same), within the column's length, and
    a slug for the questionnaire's own code (its page is /questionnaires/CODE/)."""
    if _ZERO_WIDTH.search(code):
        return f"code {code!r} contains an invisible (zero-width) character: retype it"
    if unicodedata.normalize("NFC", code) != code:
        return f"code {code!r} is not in Unicode normal form (NFC): retype it"
    if len(code) > MAX_CODE:
        return f"code is longer than {MAX_CODE} characters"
    if slug and not _SLUG.match(code):
        return f"code {code!r} must be letters, digits, - and _ only (it becomes a web address)"
    if in_url and not _URL_SAFE.match(code):
        return f"code {code!r} must be letters, digits, ., - and _ only (it becomes a web address)"
    return None


def load_file(path: str | Path) -> dict[str, Any]:
    """Read a .yaml/.yml/.json questionnaire file into plain data, within bounds (datafile)."""
    return load_data_file(path)


def parse_definition(data: Any) -> Definition:
    """Validate `data` fully and return the definition, or raise with every problem."""
    parser = _Parser()
    definition = parser.parse(data)
    if parser.problems:
        raise DefinitionError(parser.problems)
    return definition


class _Parser(ProblemCollector):
    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, str] = {}
        self.questions: dict[str, Question] = {}
        self._paths: dict[str, str] = {}

    def parse(self, data: Any) -> Definition:
        if not isinstance(data, Mapping):
            self.fail("", "the file must hold a mapping with code, title, bands and pillars")
            return Definition("", None, Text(""), (), ())
        self.unknown_keys(data, _TOP_KEYS, "")
        code = self.code(data.get("code"), "code")
        year = data.get("year")
        whole = isinstance(year, int) and not isinstance(year, bool)
        if year is not None and (not whole or not 0 < year < 10_000):
            self.fail("year", "must be a whole number (Buddhist Era), e.g. 2566")
            year = None
        title = self.text(data.get("title"), "title", required=True) or Text("")
        for lang, value in (("th", title.th), ("en", title.en)):
            if len(value) > MAX_TITLE:
                self.fail(f"title.{lang}", f"longer than {MAX_TITLE} characters")
        bands = self.bands(data.get("bands"), "bands")
        if data.get("pillars") is None:  # [] is a questionnaire with no question yet (see has_questions)
            self.fail("pillars", "pillars is required: a list of pillars")
        pillars = self.nodes(data.get("pillars"), "pillars", allow_indicators=True)
        self.check_conditions()
        return Definition(code, year, title, bands, pillars, dict(self.questions))

    def code(self, value: Any, path: str, *, register: bool = False) -> str:
        value = super().code(value, path)
        in_url = ".choices[" not in path  # choice codes are answers, not parts of addresses
        if value and (problem := code_problem(value, slug=path == "code", in_url=in_url)):
            self.fail(path, problem)
        if register and value:
            if value in self.codes:
                self.fail(path, f"duplicate code {value!r} (first at {self.codes[value]})")
            else:
                self.codes[value] = path
        return value

    def weight(self, value: Any, path: str) -> float:
        if value is None:
            return 1.0
        if not is_number(value):
            self.fail(path, "weight must be a number")
            return 1.0
        if value < 0:
            self.fail(path, "weight must not be negative")
        return float(value)

    def bands(self, value: Any, path: str) -> tuple[Band, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, "must be a list of bands")
            return ()
        bands: list[Band] = []
        seen: set[str] = set()
        for i, raw in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(raw, Mapping):
                self.fail(where, "a band is a mapping {code, min, label}")
                continue
            self.unknown_keys(raw, _BAND_KEYS, where)
            code = self.code(raw.get("code"), join_path(where, "code"))
            if code in seen:
                self.fail(join_path(where, "code"), f"duplicate band code {code!r}")
            seen.add(code)
            low = raw.get("min")
            if not is_number(low) or not 0 <= low <= 1:
                self.fail(join_path(where, "min"), "min must be a fraction between 0 and 1")
                low = 0.0
            label = self.text(raw.get("label"), join_path(where, "label"), required=True)
            bands.append(Band(code, float(low), label or Text("")))
        mins = [b.min for b in bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            self.fail(path, "bands must be listed from the highest min to the lowest, no repeats")
        return tuple(bands)

    def nodes(self, value: Any, path: str, *, allow_indicators: bool) -> tuple[Node, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, "must be a list")
            return ()
        return tuple(
            node
            for i, raw in enumerate(value)
            if (node := self.node(raw, f"{path}[{i}]", allow_indicators)) is not None
        )

    def node(self, raw: Any, path: str, allow_indicators: bool) -> Node | None:
        if not isinstance(raw, Mapping):
            self.fail(path, "must be a mapping with code, title and questions")
            return None
        self.unknown_keys(raw, _NODE_KEYS, path)
        code = self.code(raw.get("code"), join_path(path, "code"), register=True)
        title = self.text(raw.get("title"), join_path(path, "title"), required=True) or Text("")
        weight = self.weight(raw.get("weight"), join_path(path, "weight"))
        indicators: tuple[Node, ...] = ()
        if "indicators" in raw:
            if not allow_indicators:
                self.fail(join_path(path, "indicators"), "indicators cannot hold indicators")
            else:
                indicators = self.nodes(
                    raw["indicators"], join_path(path, "indicators"), allow_indicators=False
                )
        questions = self.question_list(raw.get("questions"), join_path(path, "questions"))
        if not indicators and not questions:
            self.fail(path, "needs questions or indicators")
        count = len(questions) + sum(len(i.questions) for i in indicators)
        if allow_indicators and count > MAX_PILLAR_QUESTIONS:
            self.fail(
                path,
                f"a pillar holds {MAX_PILLAR_QUESTIONS} questions at most (one page); this one has {count}",
            )
        description = self.text(raw.get("description"), join_path(path, "description"), required=False)
        return Node(code, title, weight, indicators, questions, description)

    def question_list(self, value: Any, path: str) -> tuple[Question, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, "must be a list of questions")
            return ()
        return tuple(
            q for i, raw in enumerate(value) if (q := self.question(raw, f"{path}[{i}]")) is not None
        )

    def question(self, raw: Any, path: str) -> Question | None:
        if not isinstance(raw, Mapping):
            self.fail(path, "a question is a mapping with code, type and text")
            return None
        self.unknown_keys(raw, _QUESTION_KEYS, path)
        code = self.code(raw.get("code"), join_path(path, "code"), register=True)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            self.fail(
                join_path(path, "type"), f"unknown type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}"
            )
        evidence = raw.get("evidence", "none")
        if evidence not in EVIDENCE_MODES:
            self.fail(join_path(path, "evidence"), f"use one of {', '.join(EVIDENCE_MODES)}")
            evidence = "none"
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.fail(join_path(path, "required"), "must be true or false")
        message = self.text(raw.get("required_message"), join_path(path, "required_message"), required=False)
        if message is not None and required is not True:
            self.fail(join_path(path, "required_message"), "applies to a required question only")
        known = qtype in QUESTION_TYPES  # an unknown type is one problem, not a cascade of them
        question = Question(
            code=code,
            type=str(qtype) if known else "text",
            text=self.text(raw.get("text"), join_path(path, "text"), required=True) or Text(""),
            help=self.text(raw.get("help"), join_path(path, "help"), required=False),
            required=bool(required),
            required_message=message,
            weight=self.weight(raw.get("weight"), join_path(path, "weight")),
            choices=self.choices(raw, qtype, path) if known else (),
            evidence=evidence,
            min=self.bound(raw, "min", path) if known else None,
            max=self.bound(raw, "max", path) if known else None,
            scoring=self.scoring(raw, qtype, path) if known else None,
            visible_if=raw.get("visible_if"),
            format=self.text_format(raw, path),
        )
        if code and code not in self.questions:
            self.questions[code] = question
        self._paths[code] = path
        return question

    def text_format(self, raw: Mapping, path: str) -> str | None:
        value = raw.get("format")
        if value is None:
            return None
        if raw.get("type") != "text":
            self.fail(join_path(path, "format"), "format applies to text questions only")
            return None
        if value not in TEXT_FORMATS:
            self.fail(join_path(path, "format"), f"use one of {', '.join(TEXT_FORMATS)}")
            return None
        return str(value)

    def bound(self, raw: Mapping, key: str, path: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if raw.get("type") != "number":
            self.fail(join_path(path, key), f"{key} applies to number questions only")
            return None
        if not is_number(value):
            self.fail(join_path(path, key), f"{key} must be a number")
            return None
        return float(value)

    def choices(self, raw: Mapping, qtype: Any, path: str) -> tuple[Choice, ...]:
        value = raw.get("choices")
        where = join_path(path, "choices")
        if qtype not in CHOICE_TYPES:
            if value is not None:
                self.fail(where, f"choices apply to {' and '.join(CHOICE_TYPES)} questions only")
            return ()
        if not isinstance(value, list) or not value:
            self.fail(where, f"a {qtype} question needs a list of choices")
            return ()
        choices: list[Choice] = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            at = f"{where}[{i}]"
            if not isinstance(item, Mapping):
                self.fail(at, "a choice is a mapping {code, label, points}")
                continue
            self.unknown_keys(item, _CHOICE_KEYS, at)
            code = self.code(item.get("code"), join_path(at, "code"))
            if code in seen:
                self.fail(join_path(at, "code"), f"duplicate choice code {code!r}")
            seen.add(code)
            points = item.get("points")
            if points is not None and (not is_number(points) or points < 0):
                self.fail(join_path(at, "points"), "points must be a number, not negative")
                points = None
            na = item.get("na", False)
            if not isinstance(na, bool):
                self.fail(join_path(at, "na"), "must be true or false")
                na = False
            exclusive = item.get("exclusive", False)
            if not isinstance(exclusive, bool):
                self.fail(join_path(at, "exclusive"), "must be true or false")
                exclusive = False
            if exclusive and qtype != "multi_choice":
                self.fail(join_path(at, "exclusive"), "exclusive applies to multi_choice questions only")
                exclusive = False
            label = self.text(item.get("label"), join_path(at, "label"), required=True)
            choices.append(Choice(code, label or Text(""), points, na, exclusive))
        return tuple(choices)

    def scoring(self, raw: Mapping, qtype: Any, path: str) -> Mapping[str, Any] | None:
        value = raw.get("scoring")
        where = join_path(path, "scoring")
        if value is None:
            return None
        if qtype != "number":
            self.fail(where, "scoring applies to number questions only")
            return None
        if not isinstance(value, Mapping) or len(value) != 1:
            self.fail(where, "use exactly one of {linear: {min, max}} or {bands: [...]}")
            return None
        if "linear" in value:
            lin = value["linear"]
            low = lin.get("min") if isinstance(lin, Mapping) else None
            high = lin.get("max") if isinstance(lin, Mapping) else None
            if not (is_number(low) and is_number(high)):
                self.fail(join_path(where, "linear"), "linear scoring needs numeric bounds min and max")
                return None
            if high <= low:
                self.fail(join_path(where, "linear"), "linear max must be greater than min")
                return None
            return {"linear": {"min": float(low), "max": float(high)}}
        if "bands" in value:
            return self.score_bands(value["bands"], join_path(where, "bands"))
        self.fail(where, f"unknown scoring {next(iter(value))!r}; use linear or bands")
        return None

    def score_bands(self, bands: Any, where: str) -> Mapping[str, Any] | None:
        if not isinstance(bands, list) or not bands:
            self.fail(where, "bands scoring needs a list of {min, points}")
            return None
        parsed: list[dict[str, float]] = []
        for i, band in enumerate(bands):
            ok = isinstance(band, Mapping) and set(band) == {"min", "points"}
            if not ok or not is_number(band["min"]) or not is_number(band["points"]):
                self.fail(f"{where}[{i}]", "a band is {min: <number>, points: <number>}")
                return None
            if band["points"] < 0:
                self.fail(f"{where}[{i}].points", "points must not be negative")
            parsed.append({"min": float(band["min"]), "points": float(band["points"])})
        mins = [b["min"] for b in parsed]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            self.fail(where, "bands must be listed by increasing min, no repeats")
        if max(b["points"] for b in parsed) <= 0:
            self.fail(where, "at least one band must give points")
        return {"bands": parsed}

    def check_conditions(self) -> None:
        ConditionChecker(self.questions, self._paths, self.fail).check()
