"""Importing responses, and earlier results known without answers: validated whole, written
in one transaction or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency
from surveys.files.response_csv import CellError, ResponseFileError, ResponseRow, read_responses
from surveys.files.results_csv import TOTAL, Result, ResultsError, RowError
from surveys.models import (
    Answer,
    AnswerChange,
    Questionnaire,
    Response,
    ResponseEvent,
    ResponseStatus,
    ScoreCard,
    ScoreState,
)
from surveys.services.questionnaires import checksum

IMPORT_STATUSES = (ResponseStatus.SUBMITTED, ResponseStatus.ACCEPTED)


@dataclass(frozen=True)
class ImportCounts:
    responses: int
    answers: int


def responses_import(*, questionnaire: Questionnaire, path: Path, status: str) -> ImportCounts:
    """Import one response per row. Imported responses carry no evidence and are not scored
    until asked (`score`). Raises ResponseFileError listing every bad cell; writes nothing then."""
    if status not in IMPORT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(IMPORT_STATUSES)}")
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponseFileError([CellError(name, 0, 0, "", f"cannot read the file as UTF-8: {exc}")]) from exc
    rows, errors = read_responses(text, name, questionnaire.parsed)
    with transaction.atomic():
        responses = _responses_for(rows, questionnaire, name, errors)
        now = timezone.now()
        for response in responses.values():
            response.status, response.submitted_at, response.updated_at = status, now, now
        Response.objects.bulk_update(responses.values(), ["status", "submitted_at", "updated_at"])
        answers = [
            Answer(response=responses[row.agency], question_code=code, value=value)
            for row in rows
            for code, value in row.answers.items()
        ]
        Answer.objects.bulk_create(answers)
        AnswerChange.objects.bulk_create(
            [AnswerChange(answer=a, version=1, new_value=a.value) for a in answers]
        )
        ResponseEvent.objects.bulk_create(
            [
                ResponseEvent(
                    response=r,
                    action="import",
                    from_status=ResponseStatus.NOT_STARTED,
                    to_status=status,
                    comment=f"imported from {path.name}",
                )
                for r in responses.values()
            ]
        )
    return ImportCounts(len(responses), len(answers))


def _responses_for(
    rows: list[ResponseRow], questionnaire: Questionnaire, name: str, errors: list[CellError]
) -> dict[str, Response]:
    """A not-started, empty response per row's agency (made if missing); every problem of the file
    (`errors` from reading it, and unknown or already answered agencies) raised at once."""
    agencies = Agency.objects.in_bulk([r.agency for r in rows], field_name="code")
    existing = {
        r.agency.code: r
        for r in Response.objects.select_related("agency")
        .filter(questionnaire=questionnaire, agency__code__in=agencies)
        .select_for_update(of=("self",))
    }
    filled = set(
        Answer.objects.filter(response__in=existing.values()).values_list("response__agency__code", flat=True)
    )
    for row in rows:
        response = existing.get(row.agency)
        if not row.agency:
            continue  # reported while reading
        if row.agency not in agencies:
            errors.append(CellError(name, row.line, 1, "agency", f"no agency with code {row.agency!r}"))
        elif response and (response.status != ResponseStatus.NOT_STARTED or row.agency in filled):
            message = f"{row.agency} already has a response ({response.get_status_display()})"
            errors.append(CellError(name, row.line, 1, "agency", message))
    if errors:
        raise ResponseFileError(sorted(errors, key=lambda e: (e.line, e.column)))
    missing = [row.agency for row in rows if row.agency not in existing]
    new = [Response(agency=agencies[code], questionnaire=questionnaire) for code in missing]
    Response.objects.bulk_create(new)
    return {**existing, **{r.agency.code: r for r in new}}


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
                node_scores=dict(r.pillars),
                computed_at=now,
            )
            for r in results
        ],
        update_conflicts=True,
        unique_fields=["response", "questionnaire"],
        update_fields=["total", "card", "node_scores", "computed_at"],
    )


def _card(result: Result) -> dict:
    nodes = {p: {"code": p, "score": s, "weight": 1.0} for p, s in result.pillars.items()}
    return {"total": result.total, "band": None, "nodes": nodes, "questions": {}, "imported": True}
