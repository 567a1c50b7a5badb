"""Values as people read them: percentages and Buddhist Era dates, one rule everywhere.

Pages (template filters), exports and the explanations of scores all format through here, so a
score reads the same wherever it is shown.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats, timezone

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip


def be_year(year: int) -> int:
    """A Gregorian year in the Buddhist Era: 2023 → 2566."""
    return year + BUDDHIST_ERA_OFFSET


def percentage(value: Any, digits: int = 2) -> Decimal | None:
    """A fraction as a percentage rounded half up to `digits` decimals: 1/32 → 3.13.

    The fraction is read from its shortest decimal form (a float's repr, a Decimal as is), then
    scaled exactly, so what is rounded is the number people would write down."""
    if value is None or value == "":
        return None
    fraction = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return (fraction * 100).quantize(Decimal(1).scaleb(-int(digits)), ROUND_HALF_UP)


def percent(value: Any, digits: int = 2, *, trim: bool = False) -> str:
    """0.7345 → "73.45" (no sign); empty for no value. `trim` drops trailing zeros (0.5 → "50")."""
    scaled = percentage(value, digits)
    if scaled is None:
        return ""
    if trim:
        digits = max(0, -int(scaled.normalize().as_tuple().exponent))
    return formats.number_format(scaled, decimal_pos=int(digits))


def percent_text(value: Any, digits: int = 2) -> str:
    """A percentage in a sentence: "3.13%", or "—" for no value."""
    shown = percent(value, digits)
    return f"{shown}%" if shown else "—"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: date | datetime | None, lang: str | None) -> str:
    """A date as Thai readers expect it, in the Buddhist Era ("27 เมษายน 2566");
    in English, the Gregorian date with the B.E. year beside it."""
    if not value:
        return ""
    value = _local(value)
    if lang == "en":
        return f"{value:%d %B %Y} (B.E. {be_year(value.year)})"
    return f"{value.day} {THAI_MONTHS[value.month - 1]} {be_year(value.year)}"


def long_datetime(value: datetime | None, lang: str | None) -> str:
    """A moment in local time after its long date: "30 พฤศจิกายน 2569 เวลา 20:51 น.";
    in English "30 November 2026 (B.E. 2569), 20:51"."""
    if not value:
        return ""
    local = _local(value)
    if lang == "en":
        return f"{long_date(local, lang)}, {local:%H:%M}"
    return f"{long_date(local, lang)} เวลา {local:%H:%M} น."


def buddhist_datetime(value: datetime | None) -> str:
    """A timestamp for people reading a spreadsheet: Buddhist Era year, local time."""
    if value is None:
        return ""
    local = _local(value)
    return f"{be_year(local.year)}-{local:%m-%d %H:%M}"


def buddhist_date(iso: str) -> str:
    """A stored ISO date answer ("2023-06-30") with its year in the Buddhist Era ("2566-06-30")."""
    try:
        year, rest = iso.split("-", 1)
        return f"{be_year(int(year))}-{rest}"
    except (ValueError, AttributeError):
        return str(iso)
