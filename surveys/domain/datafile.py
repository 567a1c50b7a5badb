"""Reading a YAML or JSON data file (a questionnaire, an award file) within bounds. Pure.

A few kilobytes of YAML anchors and aliases expand to gigabytes once walked; deep nesting ends
in a RecursionError; a huge file makes a huge page. So: YAML aliases are refused, and size,
depth and the number of items are bounded, each refused with a message (DefinitionError)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from common.problems import DefinitionError, Problem

MAX_BYTES = 2 * 1024 * 1024  # the real questionnaires are under 200 KB
MAX_DEPTH = 32  # the deepest legitimate structure (a nested visible_if) is far shallower
MAX_ITEMS = 500_000  # values of every kind, lists and mappings included (5,000 questions: ~350,000)


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases (no expansion bombs) and nesting deeper than MAX_DEPTH
    (checked while composing, before Python's recursion limit is near)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted: write the value out", event.start_mark
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    pass


def _refuse(where: str, message: str) -> DefinitionError:
    return DefinitionError([Problem(where, message)])


def check_bounds(data: Any, where: str = "") -> None:
    """Refuse data nested deeper than MAX_DEPTH or holding more than MAX_ITEMS values (iterative:
    no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    items = 0
    while stack:
        value, depth = stack.pop()
        items += 1
        if items > MAX_ITEMS:
            raise _refuse(where, f"too many items (more than {MAX_ITEMS})")
        if depth > MAX_DEPTH:
            raise _refuse(where, f"nested too deep (more than {MAX_DEPTH} levels)")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def load_data_file(path: str | Path) -> Any:
    """Plain data from a .json, .yaml or .yml file, within the bounds above."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise _refuse(str(path), "expected a .yaml, .yml, .json or .xlsx (XLSForm) file")
    check_size(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if suffix == ".json" else yaml.load(text, Loader=_BoundedLoader)  # noqa: S506
    except (_TooDeep, RecursionError):
        raise _refuse(str(path), f"nested too deep (more than {MAX_DEPTH} levels)") from None
    check_bounds(data, str(path))
    return data


def check_size(path: Path) -> None:
    """Refuse a file over MAX_BYTES before reading it."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _refuse(str(path), f"the file is too large ({size:,} bytes; at most {MAX_BYTES:,})")
