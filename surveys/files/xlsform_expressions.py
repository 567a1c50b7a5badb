"""The small languages inside XLSForm cells: numbers, scoring rules, `relevant` conditions."""

from __future__ import annotations

import math
import re
from typing import Any

_SCORING_HINT = "use linear:MIN:MAX or bands:MIN=POINTS;MIN=POINTS;..."


def parse_number(text: str) -> int | float | None:
    """A cell's number: int when whole (so 2 and 2.0 compare and store alike), else float."""
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def parse_scoring(text: str) -> dict[str, Any]:
    """`linear:MIN:MAX` or `bands:MIN=POINTS;...` as a number question's `scoring`; ValueError if neither."""
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    if kind == "linear":
        bounds = [parse_number(part) for part in rest.split(":")]
        if len(bounds) != 2 or None in bounds:
            raise ValueError("linear needs two numbers, e.g. linear:0:100")
        return {"linear": {"min": bounds[0], "max": bounds[1]}}
    if kind == "bands":
        bands = [_score_band(item) for item in rest.split(";") if item.strip()]
        if not bands:
            raise ValueError("bands needs at least one MIN=POINTS")
        return {"bands": bands}
    raise ValueError(_SCORING_HINT)


def _score_band(item: str) -> dict[str, int | float]:
    low_text, _, points_text = item.partition("=")
    low, points = parse_number(low_text), parse_number(points_text)
    if low is None or points is None:
        raise ValueError(f"{item.strip()!r} is not MIN=POINTS")
    return {"min": low, "points": points}


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]*\})
      | (?P<str>'[^']*'|"[^"]*")
      | (?P<num>-?\d+(?:\.\d+)?)
      | (?P<op>>=|<=|!=|=|>|<)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_][\w:-]*)
    )""",
    re.VERBOSE,
)


# Bounds on an expression, checked before parsing, so the parser's recursion is bounded too.
MAX_EXPRESSION = 2_000
MAX_NESTING = 10

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def parse_relevant(text: str) -> dict[str, Any]:
    """An XLSForm `relevant` expression as a `visible_if` condition, for the subset the portal evaluates.

    Supported: `${q} = 'x'` (or a number), `${q} != 'x'`, `selected(${q}, 'x')`,
    `${q} >= N` (and `<=`, `>`, `<`), `count-selected(${q}) >= N` (any comparison), `not(...)`,
    joined by `and` / `or` (and binds tighter, as in XPath) with parentheses; curly quotes read as
    straight ones.
    Anything else raises ValueError saying what was not understood.
    """
    return _RelevantParser(_tokens(text)).parse()


def parse_constraint(text: str) -> dict[str, float]:
    """A number question's `constraint` as {min, max}: `. >= 0`, `. <= 100`, joined by `and`.

    Anything else raises ValueError (the reader reports the constraint as dropped)."""
    bounds: dict[str, float] = {}
    for part in re.split(r"\band\b", text.translate(_QUOTES)):
        match = re.fullmatch(r"\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*", part)
        if match is None:
            raise ValueError("only . >= N and . <= N, joined by and, are kept")
        key = "min" if match.group(1) == ">=" else "max"
        if key in bounds:
            raise ValueError(f"two {key} bounds")
        bounds[key] = parse_number(match.group(2))  # type: ignore[assignment]
    return bounds


def _tokens(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_EXPRESSION:
        raise ValueError(f"longer than {MAX_EXPRESSION:,} characters")
    text = text.translate(_QUOTES)
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > MAX_NESTING:
            raise ValueError(f"parentheses nest deeper than {MAX_NESTING}")
    tokens: list[tuple[str, str]] = []
    pos = 0
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ValueError(f"cannot read {text[pos:].strip()!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _RelevantParser:
    """Recursive descent over the tokens: or → and → atom."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def parse(self) -> dict[str, Any]:
        if not self.tokens:
            raise ValueError("the expression is empty")
        condition = self.joined("or", "any")
        if self.pos < len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos][1]!r}")
        return condition

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "end of expression")

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        if token[0] != kind or (value is not None and token[1] != value):
            raise ValueError(f"expected {value or kind} but found {token[1]!r}")
        self.pos += 1
        return token[1]

    def joined(self, word: str, key: str) -> dict[str, Any]:
        inner = (lambda: self.joined("and", "all")) if word == "or" else self.atom
        items = [inner()]
        while self.peek() == ("word", word):
            self.pos += 1
            items.append(inner())
        if len(items) == 1:
            return items[0]
        targets = {item.get("question") for item in items if set(item) == {"question", "in"}}
        if word == "or" and len(targets) == 1 and all(set(item) == {"question", "in"} for item in items):
            # selected(${q}, 'a') or selected(${q}, 'b'): one of several choices
            return {"question": targets.pop(), "in": [v for item in items for v in item["in"]]}
        return {key: items}

    def atom(self) -> dict[str, Any]:
        kind, value = self.peek()
        if (kind, value) == ("punct", "("):
            self.pos += 1
            condition = self.joined("or", "any")
            self.take("punct", ")")
            return condition
        if (kind, value) == ("word", "selected"):
            return self.selected()
        if (kind, value) == ("word", "count-selected"):
            return self.count_selected()
        if (kind, value) == ("word", "not"):
            self.pos += 1
            self.take("punct", "(")
            condition = self.joined("or", "any")
            self.take("punct", ")")
            return {"not": condition}
        if kind == "ref":
            return self.comparison()
        raise ValueError(
            f"expected ${{question}}, selected(...), count-selected(...), not(...) or '(' but found {value!r}"
        )

    def selected(self) -> dict[str, Any]:
        self.take("word", "selected")
        self.take("punct", "(")
        question = self.reference()
        self.take("punct", ",")
        value = self.take("str")[1:-1]
        self.take("punct", ")")
        return {"question": question, "in": [value]}

    def count_selected(self) -> dict[str, Any]:
        """`count-selected(${q}) >= 2` (and =, !=, <=, >, <): how many choices are ticked."""
        self.take("word", "count-selected")
        self.take("punct", "(")
        question = self.reference()
        self.take("punct", ")")
        op = self.take("op")
        count = parse_number(self.take("num"))
        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count-selected compares with a whole number, not {count!r}")
        key = {"=": "equals", "!=": "equals", ">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[op]
        condition = {"question": question, "count_selected": {key: count}}
        return {"not": condition} if op == "!=" else condition

    def comparison(self) -> dict[str, Any]:
        question = self.reference()
        op = self.take("op")
        if op == "=":
            kind = self.peek()[0]
            raw = self.take("str" if kind == "str" else "num")
            return {"question": question, "equals": raw[1:-1] if kind == "str" else parse_number(raw)}
        if op == "!=":
            kind = self.peek()[0]
            raw = self.take("str" if kind == "str" else "num")
            return {
                "not": {"question": question, "equals": raw[1:-1] if kind == "str" else parse_number(raw)}
            }
        key = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[op]
        return {"question": question, key: parse_number(self.take("num"))}

    def reference(self) -> str:
        name = self.take("ref")[2:-1].strip()
        if not name:
            raise ValueError("${} names no question")
        return name
