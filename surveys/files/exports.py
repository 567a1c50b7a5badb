"""A questionnaire's responses and scores as tables for the spreadsheet writers (`common.spreadsheets`).

Rows are read in chunks, so memory stays flat whatever the number of responses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from common.formats import buddhist_date, buddhist_datetime
from common.spreadsheets import Table

CHUNK = 200  # responses per answers query


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
    """One row per response: `agency,status,<question code>...` (docs/contract.md#admin-commands);
    for people, the agency's Thai name (in force at the end of the questionnaire's year) and the
    submission time (B.E.) too, and a second header of Thai labels."""
    from django.utils.translation import gettext_lazy as _

    from surveys.models import Answer, Response

    questions = [q for q in questionnaire.parsed.iter_questions() if q.type != "file"]
    codes = [q.code for q in questions]
    responses = Response.objects.filter(questionnaire=questionnaire).order_by("agency__code")
    fixed = ["agency", "status"] + (["agency_name", "submitted_at"] if people else [])
    headers = [fixed + codes]
    if people:
        labels = _fixed_labels(_("Agency code"), _("Status"), _("Agency"), _("Submitted (B.E.)"))
        headers.append(labels + [_label(q.text) for q in questions])

    then = _names_then(questionnaire)

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
                    row += [then.get(agency, name), buddhist_datetime(submitted)]
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
    (fractions at full precision, empty when not applicable); for people, the agency's name in
    force at the end of the questionnaire's year."""
    from django.utils.translation import gettext_lazy as _

    from surveys.models import ScoreCard
    from surveys.selectors.dashboard import node_score

    nodes = _nodes(questionnaire)
    annotations = {f"node_{i}": node_score(n.code) for i, n in enumerate(nodes)}
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
    then = _names_then(questionnaire) if people else {}
    rows = (_named_then(list(row), then) for row in values.iterator(chunk_size=500))
    return Table(headers, rows, cards.count(), questionnaire.code)


def _names_then(questionnaire: Any) -> dict[str, str]:
    """The agencies' names in force at the end of the questionnaire's year, where a former one."""
    from agencies.selectors import former_names_on, names_date

    return former_names_on(names_date(questionnaire.year)) if questionnaire.year else {}


def _named_then(row: list[Any], then: dict[str, str]) -> list[Any]:
    if row[0] in then:
        row[2] = then[row[0]]
    return row


TABLES = {"responses": responses_table, "scores": scores_table}
