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


def parse_relevant(text: str) -> dict[str, Any]:
    """An XLSForm `relevant` expression as a `visible_if` condition, for the subset the portal evaluates.

    Supported: `${q} = 'x'` (or a number), `selected(${q}, 'x')`, `${q} >= N`, `${q} <= N`,
    joined by `and` / `or` (and binds tighter, as in XPath) with parentheses.
    Anything else raises ValueError saying what was not understood.
    """
    return _RelevantParser(_tokens(text)).parse()


def _tokens(text: str) -> list[tuple[str, str]]:
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
        return items[0] if len(items) == 1 else {key: items}

    def atom(self) -> dict[str, Any]:
        kind, value = self.peek()
        if (kind, value) == ("punct", "("):
            self.pos += 1
            condition = self.joined("or", "any")
            self.take("punct", ")")
            return condition
        if (kind, value) == ("word", "selected"):
            return self.selected()
        if kind == "ref":
            return self.comparison()
        raise ValueError(f"expected ${{question}}, selected(...) or '(' but found {value!r}")

    def selected(self) -> dict[str, Any]:
        self.take("word", "selected")
        self.take("punct", "(")
        question = self.reference()
        self.take("punct", ",")
        value = self.take("str")[1:-1]
        self.take("punct", ")")
        return {"question": question, "equals": value}

    def comparison(self) -> dict[str, Any]:
        question = self.reference()
        op = self.take("op")
        if op == "=":
            kind = self.peek()[0]
            raw = self.take("str" if kind == "str" else "num")
            return {"question": question, "equals": raw[1:-1] if kind == "str" else parse_number(raw)}
        if op in (">=", "<="):
            return {"question": question, "gte" if op == ">=" else "lte": parse_number(self.take("num"))}
        raise ValueError(f"the operator {op} is not supported; use =, >= or <=")

    def reference(self) -> str:
        name = self.take("ref")[2:-1].strip()
        if not name:
            raise ValueError("${} names no question")
        return name
