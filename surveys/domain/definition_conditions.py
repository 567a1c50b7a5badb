"""Validation of `visible_if` conditions: shapes, targets, values, depth, cycles, chain length. Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from common.problems import is_number, join_path
from surveys.domain.definition import (
    CHOICE_TYPES,
    CONDITION_OPS,
    COUNT_OPS,
    MAX_CONDITION_CHAIN,
    MAX_CONDITION_DEPTH,
    Question,
)

_SHAPE = (
    "use {question: CODE, equals|in|gte|lte|gt|lt: VALUE}, {question: CODE, count_selected: {OP: N}}, "
    "or all/any: [...], or not: {...}"
)


class ConditionChecker:
    """Checks every question's condition, reporting through `fail(path, message)`."""

    def __init__(
        self, questions: Mapping[str, Question], paths: Mapping[str, str], fail: Callable[[str, str], None]
    ) -> None:
        self.questions = questions
        self.paths = paths
        self.fail = fail

    def check(self) -> None:
        graph: dict[str, set[str]] = {}
        for code, question in self.questions.items():
            if question.visible_if is None:
                continue
            path = join_path(self.paths[code], "visible_if")
            graph[code] = set()
            self.condition(question.visible_if, path, graph[code])
        self.check_graph(graph)

    def condition(self, cond: Any, path: str, refs: set[str]) -> None:
        """Walks the condition with an explicit stack, so no depth can overflow Python's."""
        stack: list[tuple[Any, str, int]] = [(cond, path, 1)]
        while stack:
            cond, path, depth = stack.pop()
            if depth > MAX_CONDITION_DEPTH:
                self.fail(path, f"conditions nest deeper than {MAX_CONDITION_DEPTH} levels")
                return
            if not isinstance(cond, Mapping):
                self.fail(path, "a condition is a mapping")
                continue
            if set(cond) == {"not"}:
                stack.append((cond["not"], f"{path}.not", depth + 1))
                continue
            if set(cond) in ({"all"}, {"any"}):
                key = next(iter(cond))
                items = cond[key]
                if not isinstance(items, list) or not items:
                    self.fail(join_path(path, key), "must be a non-empty list of conditions")
                    continue
                stack.extend((item, f"{path}.{key}[{i}]", depth + 1) for i, item in enumerate(items))
                continue
            self.leaf(cond, path, refs)

    def leaf(self, cond: Mapping[str, Any], path: str, refs: set[str]) -> None:
        ops = [k for k in cond if k in CONDITION_OPS]
        extra = [k for k in cond if k not in CONDITION_OPS and k != "question"]
        if "question" not in cond or len(ops) != 1 or extra:
            self.fail(path, _SHAPE)
            return
        target = cond["question"]
        source = self.questions.get(target) if isinstance(target, str) else None
        if source is None:
            self.fail(join_path(path, "question"), f"unknown question code {target!r}")
            return
        refs.add(target)
        self.value(source, ops[0], cond[ops[0]], path)

    def value(self, source: Question, op: str, value: Any, path: str) -> None:
        where = join_path(path, op)
        if op == "count_selected":
            self.count(source, value, where)
            return
        if op in ("gte", "lte", "gt", "lt"):
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

    def count(self, source: Question, value: Any, where: str) -> None:
        """`count_selected: {OP: N}`: how many choices of a choice question are ticked."""
        if source.type not in CHOICE_TYPES:
            self.fail(
                where, f"count_selected counts the choices of a choice question; {source.code} is not one"
            )
        ok = isinstance(value, Mapping) and len(value) == 1 and next(iter(value)) in COUNT_OPS
        number = next(iter(value.values())) if ok else None
        if not ok or not is_number(number) or number < 0:
            self.fail(where, f"use count_selected: {{OP: N}}, OP one of {', '.join(COUNT_OPS)}, N ≥ 0")

    def check_graph(self, graph: dict[str, set[str]]) -> None:
        """Cycles and over-long chains, found without recursion (a depth-first walk on a stack)."""
        state: dict[str, int] = {}
        longest: dict[str, int] = {}  # chain length below a finished question
        for start in graph:
            if start in state:
                continue
            trail: list[str] = [start]
            pending: list[list[str]] = [sorted(graph.get(start, ()))]
            state[start] = 1
            while trail:
                code = trail[-1]
                if pending[-1]:
                    ref = pending[-1].pop()
                    if state.get(ref) == 1:
                        loop = " → ".join([*trail[trail.index(ref) :], ref])
                        self.fail(join_path(self.paths[code], "visible_if"), f"condition cycle: {loop}")
                    elif ref not in state:
                        state[ref] = 1
                        trail.append(ref)
                        pending.append(sorted(graph.get(ref, ())))
                    continue
                longest[code] = 1 + max((longest.get(r, 0) for r in graph.get(code, ())), default=0)
                if longest[code] == MAX_CONDITION_CHAIN + 1:
                    self.fail(
                        join_path(self.paths[code], "visible_if"),
                        f"a chain of more than {MAX_CONDITION_CHAIN} conditions on conditions",
                    )
                state[code] = 2
                trail.pop()
                pending.pop()
