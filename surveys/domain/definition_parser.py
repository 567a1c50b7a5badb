"""The questionnaire definition file (docs/contract.md#questionnaire-definition): parsing and
validation. Pure.

`parse_definition` turns the plain data of a YAML/JSON file into a `Definition`, or raises
`DefinitionError` listing every problem with its location at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from common.bilingual import Text
from common.problems import DefinitionError, ProblemCollector, is_number, join_path
from surveys.domain.datafile import load_data_file
from surveys.domain.definition import (
    CHOICE_TYPES,
    CONDITION_OPS,
    EVIDENCE_MODES,
    QUESTION_TYPES,
    Band,
    Choice,
    Definition,
    Node,
    Question,
)

_TOP_KEYS = {"code", "year", "title", "description", "bands", "pillars"}


_BAND_KEYS = {"code", "min", "label"}


_NODE_KEYS = {"code", "title", "weight", "indicators", "questions", "description"}


_QUESTION_KEYS = {
    "code", "type", "text", "help", "required", "weight", "choices", "evidence",
    "min", "max", "scoring", "visible_if",
}  # fmt: skip


_CHOICE_KEYS = {"code", "label", "points", "na"}


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
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            self.fail("year", "must be a whole number (Buddhist Era), e.g. 2566")
            year = None
        title = self.text(data.get("title"), "title", required=True) or Text("")
        bands = self.bands(data.get("bands"), "bands")
        pillars = self.nodes(data.get("pillars"), "pillars", allow_indicators=True)
        if not pillars:
            self.fail("pillars", "at least one pillar is required")
        self.check_conditions()
        return Definition(code, year, title, bands, pillars, dict(self.questions))

    def code(self, value: Any, path: str, *, register: bool = False) -> str:
        value = super().code(value, path)
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
        return Node(code, title, weight, indicators, questions)

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
        known = qtype in QUESTION_TYPES  # an unknown type is one problem, not a cascade of them
        question = Question(
            code=code,
            type=str(qtype) if known else "text",
            text=self.text(raw.get("text"), join_path(path, "text"), required=True) or Text(""),
            help=self.text(raw.get("help"), join_path(path, "help"), required=False),
            required=bool(required),
            weight=self.weight(raw.get("weight"), join_path(path, "weight")),
            choices=self.choices(raw, qtype, path) if known else (),
            evidence=evidence,
            min=self.bound(raw, "min", path) if known else None,
            max=self.bound(raw, "max", path) if known else None,
            scoring=self.scoring(raw, qtype, path) if known else None,
            visible_if=raw.get("visible_if"),
        )
        if code and code not in self.questions:
            self.questions[code] = question
        self._paths[code] = path
        return question

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
            label = self.text(item.get("label"), join_path(at, "label"), required=True)
            choices.append(Choice(code, label or Text(""), points, na))
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
        graph: dict[str, set[str]] = {}
        for code, question in self.questions.items():
            if question.visible_if is None:
                continue
            path = join_path(self._paths[code], "visible_if")
            graph[code] = set()
            self.condition(question.visible_if, path, graph[code])
        self.check_cycles(graph)

    def condition(self, cond: Any, path: str, refs: set[str]) -> None:
        if not isinstance(cond, Mapping):
            self.fail(path, "a condition is a mapping")
            return
        if set(cond) in ({"all"}, {"any"}):
            key = next(iter(cond))
            items = cond[key]
            if not isinstance(items, list) or not items:
                self.fail(join_path(path, key), "must be a non-empty list of conditions")
                return
            for i, item in enumerate(items):
                self.condition(item, f"{path}.{key}[{i}]", refs)
            return
        ops = [k for k in cond if k in CONDITION_OPS]
        extra = [k for k in cond if k not in CONDITION_OPS and k != "question"]
        if "question" not in cond or len(ops) != 1 or extra:
            self.fail(path, "use {question: CODE, equals|in|gte|lte: VALUE}, or all/any: [...]")
            return
        target = cond["question"]
        source = self.questions.get(target) if isinstance(target, str) else None
        if source is None:
            self.fail(join_path(path, "question"), f"unknown question code {target!r}")
            return
        refs.add(target)
        self.condition_value(source, ops[0], cond[ops[0]], path)

    def condition_value(self, source: Question, op: str, value: Any, path: str) -> None:
        where = join_path(path, op)
        if op in ("gte", "lte"):
            if source.type != "number" or not is_number(value):
                self.fail(where, f"{op} compares a number question with a number")
            return
        values = value if op == "in" else [value]
        if op == "in" and not isinstance(value, list):
            self.fail(where, "in takes a list of values")
            return
        if source.type in CHOICE_TYPES:
            known = {c.code for c in source.choices}
            for v in values:
                if v not in known:
                    self.fail(where, f"{v!r} is not a choice of {source.code}")
        elif source.type == "yes_no":
            for v in values:
                if v not in ("yes", "no"):
                    self.fail(where, f'{source.code} is yes_no: compare with "yes" or "no" (quoted)')

    def check_cycles(self, graph: dict[str, set[str]]) -> None:
        state: dict[str, int] = {}

        def visit(code: str, trail: list[str]) -> None:
            state[code] = 1
            for ref in sorted(graph.get(code, ())):
                if state.get(ref) == 1:
                    loop = " → ".join([*trail[trail.index(ref) :], ref]) if ref in trail else ref
                    self.fail(join_path(self._paths[code], "visible_if"), f"condition cycle: {loop}")
                elif ref not in state:
                    visit(ref, [*trail, ref])
            state[code] = 2

        for code in graph:
            if code not in state:
                visit(code, [code])
