"""A realistic 150-question questionnaire and a full set of answers, for the benchmarks."""

from __future__ import annotations

import random


def definition_150() -> dict:
    """6 pillars × 5 indicators × 5 questions: choices, checklists, yes/no, counts, some conditional."""
    pillars = []
    for p in range(1, 7):
        indicators = []
        for i in range(1, 6):
            questions = []
            for n in range(1, 6):
                code = f"P{p}.{i}.{n}"
                questions.append(_question(code, n, f"P{p}.{i}.1"))
            indicators.append(
                {"code": f"P{p}.{i}", "title": {"th": f"ตัวชี้วัด {p}.{i}"}, "questions": questions}
            )
        pillars.append(
            {"code": f"P{p}", "title": {"th": f"เสาหลัก {p}"}, "weight": p % 3 + 1, "indicators": indicators}
        )
    bands = [
        {"code": "very_high", "min": 0.8, "label": {"th": "สูงมาก"}},
        {"code": "high", "min": 0.6, "label": {"th": "สูง"}},
        {"code": "medium", "min": 0.4, "label": {"th": "กลาง"}},
        {"code": "low", "min": 0.0, "label": {"th": "ต่ำ"}},
    ]
    return {"code": "bench-150", "title": {"th": "แบบสำรวจ 150 ข้อ"}, "bands": bands, "pillars": pillars}


def _question(code: str, n: int, first: str) -> dict:
    text = {"th": f"คำถาม {code}"}
    if n == 1:
        choices = [
            {"code": c, "label": {"th": c}, "points": pts}
            for c, pts in (("none", 0), ("some", 1), ("all", 2))
        ]
        choices.append({"code": "na", "label": {"th": "ไม่เกี่ยวข้อง"}, "na": True})
        return {
            "code": code,
            "type": "single_choice",
            "text": text,
            "choices": choices,
            "evidence": "required_for_points",
        }
    if n == 2:
        choices = [{"code": f"c{k}", "label": {"th": f"ข้อ {k}"}, "points": k % 3} for k in range(6)]
        return {"code": code, "type": "multi_choice", "text": text, "choices": choices}
    if n == 3:
        return {
            "code": code,
            "type": "yes_no",
            "text": text,
            "visible_if": {"question": first, "in": ["some", "all"]},
        }
    if n == 4:
        return {
            "code": code,
            "type": "number",
            "text": text,
            "min": 0,
            "scoring": {"linear": {"min": 0, "max": 20}},
        }
    bands = [{"min": 0, "points": 0}, {"min": 5, "points": 1}, {"min": 10, "points": 2}]
    return {"code": code, "type": "number", "text": text, "min": 0, "scoring": {"bands": bands}}


def answers_150(seed: int) -> dict:
    rnd = random.Random(seed)
    answers: dict = {}
    for p in range(1, 7):
        for i in range(1, 6):
            base = f"P{p}.{i}"
            answers[f"{base}.1"] = rnd.choice(["none", "some", "all", "na"])
            answers[f"{base}.2"] = rnd.sample([f"c{k}" for k in range(6)], rnd.randint(1, 4))
            answers[f"{base}.3"] = rnd.choice(["yes", "no"])
            answers[f"{base}.4"] = rnd.randint(0, 30)
            answers[f"{base}.5"] = rnd.randint(0, 15)
    return answers


def evidence_150(seed: int) -> dict:
    rnd = random.Random(seed)
    return {
        f"P{p}.{i}.1": rnd.choice(["present", "rejected"])
        for p in range(1, 7)
        for i in range(1, 6)
        if rnd.random() < 0.8
    }
