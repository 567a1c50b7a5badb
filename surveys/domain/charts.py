"""Bar charts drawn on the server as SVG (the cycle dashboard's). Pure: geometry only.

The dashboard's first view needs no script: each chart is an SVG of known size, so nothing
shifts and nothing blocks the page while it loads, and every bar has a title (the browser's
tooltip) with its figure. The table beside each chart holds the same numbers for every reader.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 6, 10, 34  # room for the value axis (left) and the categories
FONT = 16  # user units; labels are cut to the room they have (the table has them whole)
GAP = 0.2  # the share of a category's width left empty


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float | None]
    shown: Sequence[str]  # each value as the tooltip prints it


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: float
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    label_y: float
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[Label]
    legend: list[tuple[str, str]]  # (name, colour) of each series, when there are several


def nice_top(largest: float) -> tuple[float, float]:
    """The axis' top and its step: 1, 2 or 5 times a power of ten, about four steps."""
    if largest <= 0:
        return 1.0, 1.0
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0) if largest >= 1 else step
    return math.ceil(largest / step - 1e-9) * step, step


def _cut(text: str, room: float) -> str:
    most = max(1, int(room / (FONT * 0.55)))
    return text if len(text) <= most else text[: max(1, most - 1)] + "…"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def bar_chart(categories: Sequence[str], series: Sequence[Series], top: float | None = None) -> BarChart:
    """Bars per category, one per series side by side, on a value axis from 0 to `top`
    (a round figure above the largest value when not given)."""
    values = [v for s in series for v in s.values if v is not None]
    if top is None:
        top, step = nice_top(max(values, default=0))
    else:
        step = top / 4
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    slot = plot_w / max(1, len(categories))
    bar_w = slot * (1 - GAP) / max(1, len(series))
    bars = []
    for i, category in enumerate(categories):
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            h = plot_h * min(value, top) / top
            name = f"{s.name} · {category}" if len(series) > 1 else category
            bars.append(
                Bar(
                    x=round(LEFT + i * slot + slot * GAP / 2 + j * bar_w, 2),
                    y=round(baseline - h, 2),
                    width=round(bar_w, 2),
                    height=round(h, 2),
                    colour=s.colour,
                    value=value,
                    title=f"{name}: {s.shown[i]}",
                )
            )
    ticks = [
        Tick(y=round(baseline - plot_h * k * step / top, 2), label=_number(round(k * step, 6)))
        for k in range(round(top / step) + 1)
    ]
    legend = [(s.name, s.colour) for s in series] if len(series) > 1 else []
    labels = [
        Label(x=round(LEFT + (i + 0.5) * slot, 2), text=_cut(c, slot)) for i, c in enumerate(categories)
    ]
    return BarChart(
        WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, baseline + FONT + 8, bars, ticks, labels, legend
    )
