"""Problems found in an imported file, each with its location, raised together."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from common.bilingual import LANGS, Text


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DefinitionError(ValueError):
    """The problems that refuse a file; `warnings`, what would have been dropped, said alongside."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = problems
        self.warnings = warnings or []
        super().__init__("\n".join(str(p) for p in problems))


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class ProblemCollector:
    """Collects every problem of a data file with its path, for parsers that report all at once.

    Shared by the questionnaire parser here and the award-file parser (awards/spec.py).
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def unknown_keys(self, data: Mapping, allowed: set[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                self.fail(join_path(path, str(key)), f"unknown key {key!r}")

    def code(self, value: Any, path: str) -> str:
        if value is None or value == "":
            self.fail(path, "a code is required")
            return ""
        if not isinstance(value, str):
            self.fail(path, f'code {value!r} is not a string: quote it, e.g. "{value}"')
            return str(value)
        return value

    def text(self, value: Any, path: str, *, required: bool) -> Text | None:
        """Bilingual text {th, en}: Thai required, a bare string taken as Thai."""
        if value is None:
            if required:
                self.fail(path, "text is required ({th: ..., en: ...})")
            return None
        if isinstance(value, str):
            value = {"th": value}
        if not isinstance(value, Mapping):
            self.fail(path, "must be a mapping {th: ..., en: ...}")
            return None
        self.unknown_keys(value, set(LANGS), path)
        th, en = value.get("th"), value.get("en", "")
        if not isinstance(th, str) or not th.strip():
            self.fail(join_path(path, "th"), "Thai text is missing")
            th = ""
        if not isinstance(en, str):
            self.fail(join_path(path, "en"), "English text must be a string")
            en = ""
        return Text(th, en)


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
