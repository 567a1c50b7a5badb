"""Plausible answers for a demo response, drawn from an agency's readiness (0..1) and a seeded
random generator: a ready agency climbs the ladders, ticks the checklists and counts high."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from surveys.domain.conditions import visibility
from surveys.domain.definition import Definition, Question

COORDINATORS = ["สมศรี มีสุข", "ประเสริฐ ดีงาม", "วิไลวรรณ ใจงาม", "อนุชา ศรีสวัสดิ์", "กาญจนา พูลผล"]
POSITIONS = ["นักวิชาการคอมพิวเตอร์ชำนาญการ", "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ", "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศ"]


def draw_answers(
    definition: Definition, readiness: float, rng: random.Random, *, share: float = 1.0, filled_on: date
) -> dict[str, Any]:
    """Answers to the questions a respondent sees, `share` of them (a draft stops part way)."""
    answers: dict[str, Any] = {}
    for q in definition.iter_questions():
        if q.type == "file":
            continue
        answers[q.code] = _value(q, readiness, rng, filled_on)
    shown = visibility(definition, answers)
    kept = {code: value for code, value in answers.items() if shown.get(code, True)}
    if share < 1.0:
        kept = {code: value for code, value in kept.items() if rng.random() < share}
    return kept


def _value(q: Question, readiness: float, rng: random.Random, filled_on: date) -> Any:
    level = min(1.0, max(0.0, rng.gauss(readiness, 0.15)))
    if q.type == "single_choice":
        ladder = [c for c in q.choices if not c.na]
        if not any(c.points for c in ladder):
            return q.choices[0].code if q.choices else None
        ladder.sort(key=lambda c: c.points or 0)
        return ladder[min(len(ladder) - 1, int(level * len(ladder)))].code
    if q.type == "multi_choice":
        ticked = [c.code for c in q.choices if (c.points or 0) > 0 and rng.random() < level]
        nothing = [c.code for c in q.choices if not (c.points or 0)]
        return ticked or nothing[:1] or [q.choices[0].code]
    if q.type == "yes_no":
        return "yes" if rng.random() < 0.15 + 0.8 * level else "no"
    if q.type == "number":
        return _number(q, level)
    if q.type == "date":
        return filled_on.isoformat()
    if q.code.endswith(".1"):
        return rng.choice(COORDINATORS)
    if q.code.endswith(".2"):
        return rng.choice(POSITIONS)
    if "อีเมล" in q.text.th:
        return "saraban@example.go.th"
    if "ที่อยู่" in q.text.th:
        return "ศูนย์ราชการเฉลิมพระเกียรติ ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ กรุงเทพมหานคร 10210"
    if "โทร" in q.text.th:
        return "02 141 0000"
    return "ดำเนินการตามแผนของหน่วยงาน และรายงานความก้าวหน้าต่อผู้บริหารทุกไตรมาส"


def _number(q: Question, level: float) -> float:
    """A count or percentage where the question's scoring puts the `level`."""
    scoring = q.scoring or {}
    top = q.max if q.max is not None else None
    if "linear" in scoring:
        low, high = scoring["linear"]["min"], scoring["linear"]["max"]
        value = low + level * (high - low) * 1.1
    elif "bands" in scoring:
        mins = sorted(b["min"] for b in scoring["bands"])
        step = min(len(mins) - 1, int(level * len(mins)))
        following = mins[step + 1] if step + 1 < len(mins) else mins[step] * 1.5 + 1
        value = mins[step] + (following - mins[step]) * 0.4
    else:
        value = level * (top or 100)
    if top is not None:
        value = min(value, top)
    value = max(value, q.min or 0)
    return round(value, 1) if top is not None else round(value)
