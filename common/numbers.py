"""Numbers that people type, parsed at a bounded cost.

`Decimal("1e1000000")` is cheap, but turning it into an int, a float or JSON is not (seconds of
CPU, or an error): a typed number is refused by its length and its size before anything else."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_NUMBER_LENGTH = 40
NUMBER_LIMIT = Decimal("1e15")  # every answer's magnitude is below this, so it fits a float exactly
_PATTERN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?", re.ASCII)


class NumberTooLarge(ValueError):
    """The text is a number, but not one a person's answer can hold."""


def parse_number(text: str) -> Decimal:
    """The decimal that `text` writes, or ValueError: at most 40 characters of ASCII digits, a
    four-digit exponent at most, and a magnitude below NUMBER_LIMIT (NumberTooLarge)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_LENGTH or not _PATTERN.fullmatch(text):
        raise ValueError("not a number")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError("not a number") from exc
    if abs(value) >= NUMBER_LIMIT:
        raise NumberTooLarge("too large")
    return value


def number_json(value: Decimal) -> int | float:
    """A parsed number in its stored JSON shape: an int when whole, else a float."""
    if abs(value) >= NUMBER_LIMIT:
        raise NumberTooLarge("too large")
    return int(value) if value == value.to_integral_value() else float(value)


def is_safe_number(value: object) -> bool:
    """Whether a stored value is a number every page and export can show: finite, in range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return -NUMBER_LIMIT < value < NUMBER_LIMIT if value.bit_length() < 64 else False
    return value == value and abs(value) < float(NUMBER_LIMIT)
