"""The award file (docs/contract.md#award-files-and-ranking): parsing and validation, no ORM.

`parse_awards` turns the plain data of a YAML/JSON file into frozen dataclasses, or raises
`DefinitionError` listing every problem with its path. What only the database knows
(questionnaire pillars, agency codes) comes in through `Context`.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from awards.domain.eligibility import DEFAULT_STATUSES, Rules
from common.bilingual import Text
from common.problems import DefinitionError, Problem, ProblemCollector, is_number, join_path

BASES = ("total", "pillar", "indicator", "improvement", "panel")
MAX_PRECISION = 6
_TOP_KEYS = {"code", "questionnaire", "title", "categories"}
_CATEGORY_KEYS = {
    "code", "title", "description", "basis", "eligible", "precision", "winners",
    "compare_to", "rubric", "shortlist",
}  # fmt: skip
_ELIGIBLE_KEYS = {"kinds", "statuses", "min_total", "min_pillars"}
_CRITERION_KEYS = {"code", "title", "max"}


@dataclass(frozen=True)
class Criterion:
    code: str
    title: Text
    max: float

    def to_dict(self) -> dict:
        return {"code": self.code, "title": {"th": self.title.th, "en": self.title.en}, "max": self.max}


@dataclass(frozen=True)
class CategorySpec:
    code: str
    title: Text
    basis: str  # total | pillar | indicator | improvement | panel
    node: str = ""  # the pillar or indicator code of `pillar:` / `indicator:` bases
    rules: Rules = field(default_factory=Rules)
    precision: int = 2
    winners: int = 1
    compare_to: str = ""
    rubric: tuple[Criterion, ...] = ()
    shortlist: tuple[str, ...] = ()
    description: Text | None = None

    @property
    def basis_label(self) -> str:
        return f"{self.basis}:{self.node}" if self.node else self.basis


@dataclass(frozen=True)
class AwardsSpec:
    code: str
    questionnaire: str
    title: Text | None
    categories: tuple[CategorySpec, ...]


@dataclass(frozen=True)
class Context:
    """What the database knows: the questionnaire's nodes (code → "pillar" | "indicator"),
    the agency kinds and response statuses that exist, and the registered agency codes."""

    nodes: Mapping[str, str]
    kinds: Set[str]
    statuses: Set[str]
    agencies: Set[str] = frozenset()


def parse_awards(data: Any, context: Context) -> AwardsSpec:
    parser = _Parser(context)
    spec = parser.parse(data)
    if parser.problems:
        raise DefinitionError(parser.problems)
    return spec


def parse_category(data: Any, context: Context, path: str = "") -> CategorySpec:
    """One category alone (the admin's form validates through this)."""
    parser = _Parser(context)
    spec = parser.category(data, path)
    if parser.problems or spec is None:
        raise DefinitionError(parser.problems or [Problem(path, "not a category")])
    return spec


class _Parser(ProblemCollector):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    def parse(self, data: Any) -> AwardsSpec:
        if not isinstance(data, Mapping):
            self.fail("", "the file must hold a mapping with code, questionnaire and categories")
            return AwardsSpec("", "", None, ())
        self.unknown_keys(data, _TOP_KEYS, "")
        code = self.code(data.get("code"), "code")
        questionnaire = self.code(data.get("questionnaire"), "questionnaire")
        title = self.text(data.get("title"), "title", required=False)
        raw = data.get("categories")
        if not isinstance(raw, list) or not raw:
            self.fail("categories", "at least one category is required (a list)")
            raw = []
        categories: list[CategorySpec] = []
        seen: dict[str, str] = {}
        for i, item in enumerate(raw):
            where = f"categories[{i}]"
            spec = self.category(item, where)
            if spec is None:
                continue
            if spec.code in seen:
                self.fail(
                    join_path(where, "code"), f"duplicate category {spec.code!r} (first at {seen[spec.code]})"
                )
            seen.setdefault(spec.code, where)
            categories.append(spec)
        return AwardsSpec(code, questionnaire, title, tuple(categories))

    def category(self, raw: Any, path: str) -> CategorySpec | None:
        if not isinstance(raw, Mapping):
            self.fail(path, "a category is a mapping with code, title, basis and winners")
            return None
        self.unknown_keys(raw, _CATEGORY_KEYS, path)
        code = self.code(raw.get("code"), join_path(path, "code"))
        title = self.text(raw.get("title"), join_path(path, "title"), required=True) or Text("")
        description = self.text(raw.get("description"), join_path(path, "description"), required=False)
        basis, node = self.basis(raw.get("basis"), join_path(path, "basis"))
        precision = self.whole(raw.get("precision", 2), join_path(path, "precision"), 0, MAX_PRECISION)
        winners = self.whole(raw.get("winners"), join_path(path, "winners"), 1, None)
        compare_to = self.compare_to(raw, basis, path)
        rubric = self.rubric(raw.get("rubric"), basis, join_path(path, "rubric"))
        shortlist = self.shortlist(raw.get("shortlist"), basis, join_path(path, "shortlist"))
        rules = self.rules(raw.get("eligible"), join_path(path, "eligible"))
        return CategorySpec(
            code, title, basis, node, rules, precision, winners, compare_to, rubric, shortlist, description
        )

    def basis(self, value: Any, path: str) -> tuple[str, str]:
        if not isinstance(value, str) or not value:
            self.fail(path, f"basis is required: one of {', '.join(BASES)} (pillar:<code>, indicator:<code>)")
            return "total", ""
        kind, _, node = value.partition(":")
        if kind not in BASES:
            self.fail(path, f"unknown basis {value!r}: use total, pillar:<code>, indicator:<code>, …")
            return "total", ""
        if kind in ("pillar", "indicator"):
            if not node:
                self.fail(path, f"{kind}: needs a code, e.g. {kind}:P1")
            elif self.context.nodes.get(node) != kind:
                found = self.context.nodes.get(node)
                where = f"is an {found}" if found else "is not in the questionnaire"
                self.fail(path, f"{node!r} {where}; basis {kind}: needs a {kind} code")
            return kind, node
        if node:
            self.fail(path, f"basis {kind} takes no code")
        return kind, ""

    def whole(self, value: Any, path: str, low: int, high: int | None) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < low or (high and value > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.fail(path, f"must be a whole number {bound}")
            return low
        return value

    def compare_to(self, raw: Mapping, basis: str, path: str) -> str:
        value = raw.get("compare_to")
        if basis == "improvement":
            return self.code(value, join_path(path, "compare_to"))
        if value is not None:
            self.fail(
                join_path(path, "compare_to"), "only an improvement category compares to a questionnaire"
            )
        return ""

    def rubric(self, value: Any, basis: str, path: str) -> tuple[Criterion, ...]:
        if basis != "panel":
            if value is not None:
                self.fail(path, "only a panel category has a rubric")
            return ()
        if not isinstance(value, list) or not value:
            self.fail(path, "a panel category needs a rubric: a list of {code, title, max}")
            return ()
        criteria: list[Criterion] = []
        for i, raw in enumerate(value):
            where = f"{path}[{i}]"
            if not isinstance(raw, Mapping):
                self.fail(where, "a criterion is a mapping {code, title, max}")
                continue
            self.unknown_keys(raw, _CRITERION_KEYS, where)
            code = self.code(raw.get("code"), join_path(where, "code"))
            if code and code in {c.code for c in criteria}:
                self.fail(join_path(where, "code"), f"duplicate criterion {code!r}")
            title = self.text(raw.get("title"), join_path(where, "title"), required=True) or Text("")
            top = raw.get("max")
            if not is_number(top) or top <= 0:
                self.fail(join_path(where, "max"), "max points must be a positive number")
                top = 1
            criteria.append(Criterion(code, title, float(top)))
        return tuple(criteria)

    def shortlist(self, value: Any, basis: str, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if basis != "panel":
            self.fail(path, "only a panel category has a shortlist")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(path, "a shortlist is a list of agency codes (strings)")
            return ()
        for i, code in enumerate(value):
            if code not in self.context.agencies:
                self.fail(f"{path}[{i}]", f"no agency with code {code!r}")
        return tuple(dict.fromkeys(value))

    def rules(self, value: Any, path: str) -> Rules:
        if value is None:
            return Rules()
        if not isinstance(value, Mapping):
            self.fail(path, "must be a mapping: {kinds, statuses, min_total, min_pillars}")
            return Rules()
        self.unknown_keys(value, _ELIGIBLE_KEYS, path)
        kinds = self.names(value.get("kinds"), self.context.kinds, join_path(path, "kinds"), "agency kind")
        statuses = self.names(
            value.get("statuses"), self.context.statuses, join_path(path, "statuses"), "status"
        )
        min_total = value.get("min_total")
        if min_total is not None and (not is_number(min_total) or not 0 <= min_total <= 1):
            self.fail(join_path(path, "min_total"), "must be a fraction between 0 and 1")
            min_total = None
        return Rules(
            kinds=kinds,
            statuses=statuses or DEFAULT_STATUSES,
            min_total=float(min_total) if min_total is not None else None,
            min_pillars=self.minimums(value.get("min_pillars"), join_path(path, "min_pillars")),
        )

    def names(self, value: Any, known: Set[str], path: str, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            self.fail(path, f"must be a non-empty list of {what}s")
            return ()
        for i, item in enumerate(value):
            if item not in known:
                self.fail(f"{path}[{i}]", f"unknown {what} {item!r}: one of {', '.join(sorted(known))}")
        return tuple(str(v) for v in value)

    def minimums(self, value: Any, path: str) -> dict[str, float]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(path, "must be a mapping {<pillar or indicator code>: <fraction>}")
            return {}
        found: dict[str, float] = {}
        for code, minimum in value.items():
            where = join_path(path, str(code))
            if str(code) not in self.context.nodes:
                self.fail(where, f"{code!r} is not a pillar or indicator of the questionnaire")
            if not is_number(minimum) or not 0 <= minimum <= 1:
                self.fail(where, "must be a fraction between 0 and 1")
                continue
            found[str(code)] = float(minimum)
        return found
