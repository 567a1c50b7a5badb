"""Reading earlier results (totals and pillar scores per agency) from CSV: every bad cell reported, no ORM."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

TOTAL = "total"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class ResultsError(ValueError):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class Result:
    agency: str
    total: float
    pillars: dict[str, float | None]


def read_results(path: Path) -> tuple[list[str], list[Result]]:
    """Parse `agency,total[,<pillar code>...]` (fractions 0..1); every bad row reported at once."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResultsError([RowError(0, f"{path}: cannot read: {exc}")]) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if header[:2] != ["agency", TOTAL]:
        raise ResultsError([RowError(1, "the header must start with agency,total")])
    pillars = header[2:]
    errors: list[RowError] = []
    results: list[Result] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        code = (row.get("agency") or "").strip()
        if not code:
            errors.append(RowError(line, "agency code is missing"))
            continue
        if code in seen:
            errors.append(RowError(line, f"agency {code!r} repeats line {seen[code]}"))
        seen.setdefault(code, line)
        total = _fraction(row.get(TOTAL), line, TOTAL, errors, required=True)
        scores = {p: _fraction(row.get(p), line, p, errors, required=False) for p in pillars}
        results.append(Result(code, total or 0.0, scores))
    if not results and not errors:
        errors.append(RowError(0, "the file holds no results"))
    if errors:
        raise ResultsError(errors)
    return pillars, results


def _fraction(raw: str | None, line: int, column: str, errors: list[RowError], *, required: bool):
    raw = (raw or "").strip()
    if not raw:
        if required:
            errors.append(RowError(line, f"{column}: a value is required"))
        return None
    try:
        value = float(raw)
    except ValueError:
        errors.append(RowError(line, f"{column}: {raw!r} is not a number"))
        return None
    if not math.isfinite(value) or not 0 <= value <= 1:
        errors.append(RowError(line, f"{column}: {raw} is not a fraction between 0 and 1"))
        return None
    return value
