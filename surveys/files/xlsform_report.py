"""What an XLSForm import reports: errors (refused) and warnings (dropped), each at a cell,
and the texts of a row in th/en whatever the language columns are called."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from common.problems import Problem
from surveys.files.xlsform_columns import texts_by_language
from surveys.files.xlsform_sheets import Sheet

_TRUE = {"yes", "true", "1", "true()"}

_FALSE = {"no", "false", "0", "false()"}

# Columns whose loss changes what a person sees, said in words of their own.
_NOT_APPLIED = {
    "choice_filter": "choice_filter is not applied: every choice of the list is offered",
}


def flag(value: str) -> bool | None:
    """yes/true/1 or no/false/0, as spreadsheets spell them; None for anything else."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    return False if lowered in _FALSE else None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Report:
    """Errors and warnings of one workbook, and where each definition item came from."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.locations: dict[int, tuple[Sheet, int]] = {}  # id(definition dict) → its row
        self.used: dict[str, set[str]] = {}  # sheet → columns the reader consumed
        self._warned: set[tuple[str, str]] = set()
        self.default_lang = "th"  # the language of plain `label` columns (settings default_language)

    def error(self, where: str, message: str) -> None:
        self.errors.append(Problem(where, message))

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Problem(where, message))

    def warn_once(self, key: tuple[str, str], where: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warn(where, message)

    def place(self, item: dict[str, Any], sheet: Sheet, row: int) -> dict[str, Any]:
        self.locations[id(item)] = (sheet, row)
        return item

    def use(self, sheet: Sheet, *columns: str) -> None:
        self.used.setdefault(sheet.name, set()).update(columns)

    def texts(self, sheet: Sheet, number: int, row: Mapping[str, str], base: str) -> dict[str, str]:
        """{th, en} of `base`: `base::th`, `base::Thai (th)`, `base:en`... a plain `base` is Thai.

        With no Thai column, English (else the first other language) stands in as Thai, said
        once per column; languages the portal has no place for are dropped, said once too."""
        found = texts_by_language(row, base)
        if "" in found and self.default_lang not in found:
            found[self.default_lang] = found.pop("")
        self.use(sheet, *(column for column, _ in found.values()))
        texts: dict[str, str] = {}
        if "th" in found:
            texts["th"] = found["th"][1]
        elif "" in found:
            texts["th"] = found[""][1]
        if "en" in found:
            texts["en"] = found["en"][1]
        others = sorted(key for key in found if key.startswith("other:"))
        if "th" not in texts:
            stand_in = "en" if "en" in found else (others[0] if others else None)
            if stand_in is not None:
                column, texts["th"] = found[stand_in]
                self.warn_once(
                    (sheet.name, column),
                    sheet.at(number, column),
                    f"no Thai column for {base}: the text of {column} is used as the Thai text",
                )
                if stand_in in others:
                    others.remove(stand_in)
        for key in others:
            column = found[key][0]
            self.warn_once(
                (sheet.name, column),
                sheet.at(number, column),
                f"the portal keeps Thai and English only: column {column} is dropped",
            )
        return {lang: texts[lang] for lang in ("th", "en") if lang in texts}

    def unused_columns(self, sheet: Sheet) -> None:
        """A warning for each filled column the portal does not read, at its first filled cell."""
        used = self.used.get(sheet.name, set())
        seen: set[str] = set()
        for number, row in sheet.rows:
            for column in row:
                if column in used or column in seen:
                    continue
                seen.add(column)
                why = _NOT_APPLIED.get(column.split(":")[0], f"column {column} is not used by the portal")
                self.warn(sheet.at(number, column), f"{why}: dropped")
