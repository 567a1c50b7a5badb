"""Earlier results imported without answers: totals (and pillar scores) per agency.

When only the published results of a cycle exist (no answers), they are imported as a
results-only questionnaire: it stands outside any cycle, its responses are accepted and
unanswered, and each carries a score card of the imported numbers. Awards compare to it by
its code (`compare_to`) like to any questionnaire.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency

from .models import Questionnaire, Response, ResponseStatus, ScoreCard, ScoreState
from .questionnaires import checksum

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


def results_definition(code: str, year: int | None, pillars: list[str]) -> dict:
    """A minimal valid definition naming the imported pillars; it is never answered."""
    note = {"th": "ผลที่นำเข้า (ไม่มีคำตอบ)", "en": "Imported result (no answers)"}
    return {
        "code": code,
        "year": year,
        "title": {"th": f"ผลการสำรวจที่นำเข้า {code}", "en": f"Imported results {code}"},
        "description": {"th": "นำเข้าเฉพาะผลคะแนน", "en": "Results only: imported scores, no answers"},
        "bands": [],
        "pillars": [
            {
                "code": p,
                "title": {"th": p},
                "questions": [{"code": f"{p}.imported", "type": "text", "text": note}],
            }
            for p in (pillars or [TOTAL])
        ],
    }


def results_import(
    *, questionnaire_code: str, year: int | None, pillars: list[str], results: list[Result]
) -> int:
    """Write the results all or nothing; refuse a questionnaire that holds answered responses."""
    agencies = dict(Agency.objects.filter(code__in=[r.agency for r in results]).values_list("code", "pk"))
    errors = [RowError(0, f"no agency with code {r.agency!r}") for r in results if r.agency not in agencies]
    questionnaire = Questionnaire.objects.filter(code=questionnaire_code).first()
    if questionnaire is not None:
        answered = questionnaire.responses.filter(answers__isnull=False).exists()
        if (
            answered
            or questionnaire.cycles.exists()
            or questionnaire.responses.filter(cycle__isnull=False).exists()
        ):
            errors.append(
                RowError(0, f"{questionnaire_code!r} is a survey with answers; results go to a new code")
            )
        else:
            known = {p.code for p in questionnaire.parsed.pillars}
            errors += [
                RowError(1, f"{p!r} is not a pillar of {questionnaire_code!r}")
                for p in pillars
                if p not in known
            ]
    if errors:
        raise ResultsError(errors)
    with transaction.atomic():
        if questionnaire is None:
            data = results_definition(questionnaire_code, year, pillars)
            questionnaire = Questionnaire.objects.create(
                code=questionnaire_code,
                year=year,
                title_th=data["title"]["th"],
                title_en=data["title"]["en"],
                definition=data,
                checksum=checksum(data),
                published_at=timezone.now(),
            )
        _write(questionnaire, agencies, results)
    return len(results)


def _write(questionnaire: Questionnaire, agencies: dict[str, int], results: list[Result]) -> None:
    Response.objects.bulk_create(
        [
            Response(
                agency_id=agencies[r.agency],
                questionnaire=questionnaire,
                status=ResponseStatus.ACCEPTED,
                score_state=ScoreState.DONE,
            )
            for r in results
        ],
        ignore_conflicts=True,
    )
    responses = dict(questionnaire.responses.values_list("agency__code", "pk"))
    now = timezone.now()
    ScoreCard.objects.bulk_create(
        [
            ScoreCard(
                response_id=responses[r.agency],
                questionnaire=questionnaire,
                total=r.total,
                band="",
                card=_card(r),
                computed_at=now,
            )
            for r in results
        ],
        update_conflicts=True,
        unique_fields=["response", "questionnaire"],
        update_fields=["total", "card", "computed_at"],
    )


def _card(result: Result) -> dict:
    nodes = {p: {"code": p, "score": s, "weight": 1.0} for p, s in result.pillars.items()}
    return {"total": result.total, "band": None, "nodes": nodes, "questions": {}, "imported": True}
