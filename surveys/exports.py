"""Exports of a questionnaire's responses and scores as CSV or XLSX.

Cells that a spreadsheet would run as formulas are neutralised (`neutralise`, shared by every
export of the portal). Rows are read in chunks and written as they come (openpyxl write-only,
CSV straight to the stream), so memory stays flat however many responses there are.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 200  # responses per answers query
PROGRESS_EVERY = 100

Progress = Callable[[int], None]


def neutralise(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """Empty for no value; floats at full precision (repr round-trips exactly)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(neutralise(value))


@dataclass
class Table:
    """Header rows (codes first, then labels for people) and the data rows, read lazily."""

    headers: list[list[str]]
    rows: Iterable[Sequence[Any]]
    total: int
    title: str


def _counted(rows: Iterable[Sequence[Any]], progress: Progress | None) -> Iterator[Sequence[Any]]:
    for count, row in enumerate(rows, start=1):
        yield row
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)


def write_csv(
    stream: IO[str],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    more_headers: Sequence[Sequence[str]] = (),
    progress: Progress | None = None,
) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    for row in (header, *more_headers):
        writer.writerow([csv_cell(h) for h in row])
    count = 0
    for row in _counted(rows, progress):
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def write_xlsx(
    stream: IO[bytes],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str,
    *,
    more_headers: Sequence[Sequence[str]] = (),
    progress: Progress | None = None,
) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet1")
    for row in (header, *more_headers):
        sheet.append([neutralise(h) for h in row])
    count = 0
    for row in _counted(rows, progress):
        sheet.append([neutralise(v) for v in row])
        count += 1
    book.save(stream)
    return count


def write_table(stream: IO, table: Table, fmt: str, *, progress: Progress | None = None) -> int:
    """CSV to a text stream, XLSX to a binary one."""
    header, *more = table.headers
    if fmt == "xlsx":
        return write_xlsx(stream, header, table.rows, table.title, more_headers=more, progress=progress)
    return write_csv(stream, header, table.rows, more_headers=more, progress=progress)


def buddhist_datetime(value: datetime | None) -> str:
    """A timestamp for people reading a spreadsheet: Buddhist Era year, local time."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.year + 543}-{local:%m-%d %H:%M}"


def buddhist_date(iso: str) -> str:
    """A stored ISO date answer ("2023-06-30") with its year in the Buddhist Era ("2566-06-30")."""
    try:
        year, rest = iso.split("-", 1)
        return f"{int(year) + 543}-{rest}"
    except (ValueError, AttributeError):
        return str(iso)


def _label(text: Any) -> str:
    """The Thai label of a definition text (the spreadsheet's second header row)."""
    return text.get("th") if text is not None else ""


def _fixed_labels(*names: Any) -> list[str]:
    from django.utils import translation

    with translation.override("th"):
        return [str(n) for n in names]


def answer_cell(question: Any, value: Any, *, people: bool) -> Any:
    """A stored answer as `import_responses` reads it; dates in the Buddhist Era for people."""
    if value is None or value == "" or value == []:
        return None
    if question.type == "multi_choice" and isinstance(value, list):
        return "|".join(str(v) for v in value)
    if question.type == "date" and people:
        return buddhist_date(value)
    return value


def responses_table(*, questionnaire: Any, people: bool = True) -> Table:
    """One row per response: `agency,status,<question code>...` (DESIGN §6); for people, the
    agency's Thai name and the submission time (B.E.) too, and a second header of Thai labels."""
    from django.utils.translation import gettext_lazy as _

    from .models import Answer, Response

    questions = [q for q in questionnaire.parsed.iter_questions() if q.type != "file"]
    codes = [q.code for q in questions]
    responses = Response.objects.filter(questionnaire=questionnaire).order_by("agency__code")
    fixed = ["agency", "status"] + (["agency_name", "submitted_at"] if people else [])
    headers = [fixed + codes]
    if people:
        labels = _fixed_labels(_("Agency code"), _("Status"), _("Agency"), _("Submitted (B.E.)"))
        headers.append(labels + [_label(q.text) for q in questions])

    def rows() -> Iterator[list[Any]]:
        values = responses.values_list("pk", "agency__code", "status", "agency__name_th", "submitted_at")
        for chunk in _chunks(values.iterator(chunk_size=CHUNK), CHUNK):
            answers: dict[int, dict[str, Any]] = {}
            found = Answer.objects.filter(response_id__in=[r[0] for r in chunk], question_code__in=codes)
            for response_id, code, value in found.values_list("response_id", "question_code", "value"):
                answers.setdefault(response_id, {})[code] = value
            for pk, agency, status, name, submitted in chunk:
                mine = answers.get(pk, {})
                row: list[Any] = [agency, status]
                if people:
                    row += [name, buddhist_datetime(submitted)]
                row += [answer_cell(q, mine.get(q.code), people=people) for q in questions]
                yield row

    return Table(headers, rows(), responses.count(), questionnaire.code)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _nodes(questionnaire: Any) -> list[Any]:
    """Every pillar, then every indicator, in definition order."""
    pillars = list(questionnaire.parsed.pillars)
    indicators: list[Any] = []

    def walk(node: Any) -> None:
        for child in node.indicators:
            indicators.append(child)
            walk(child)

    for pillar in pillars:
        walk(pillar)
    return pillars + indicators


def scores_table(*, questionnaire: Any, people: bool = True) -> Table:
    """One row per score card: agency, status, total, band, every pillar and indicator
    (fractions at full precision, empty when not applicable)."""
    from django.utils.translation import gettext_lazy as _

    from .models import ScoreCard
    from .selectors import _node_score

    nodes = _nodes(questionnaire)
    annotations = {f"node_{i}": _node_score(n.code) for i, n in enumerate(nodes)}
    cards = (
        ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
        .annotate(**annotations)
        .order_by("response__agency__code")
    )
    fields = ["response__agency__code", "response__status"]
    fixed = ["agency", "status"]
    labels = [_("Agency code"), _("Status")]
    if people:
        fields.append("response__agency__name_th")
        fixed.append("agency_name")
        labels.append(_("Agency"))
    headers = [fixed + ["total", "band"] + [n.code for n in nodes]]
    if people:
        headers.append(_fixed_labels(*labels, _("Total"), _("Band")) + [_label(n.title) for n in nodes])
    values = cards.values_list(*fields, "total", "band", *annotations)
    rows = (list(row) for row in values.iterator(chunk_size=500))
    return Table(headers, rows, cards.count(), questionnaire.code)


TABLES = {"responses": responses_table, "scores": scores_table}
