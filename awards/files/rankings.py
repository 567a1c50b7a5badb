"""Rankings as CSV or XLSX rows: category,rank,agency,score,winner,eligible,reason."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from awards.models import RankingEntry
from awards.reasons import describe_all
from common.spreadsheets import TextSink, neutralise

HEADER = ["category", "rank", "agency", "score", "winner", "eligible", "reason"]


def ranking_rows(categories: Iterable) -> Iterator[list[Any]]:
    """One row per entry of each category's live ranking, in rank order."""
    for category in categories:
        ranking = getattr(category, "ranking", None)
        if ranking is None:
            continue
        # The category's entries, not this ranking row's: a ranking made meanwhile replaces the row.
        entries = RankingEntry.objects.filter(ranking__category_id=ranking.category_id)
        for e in entries.select_related("agency").order_by("position"):
            yield [
                category.code,
                e.rank if e.rank is not None else "",
                e.agency.code,
                e.score.quantize(Decimal(1).scaleb(-category.precision)) if e.score is not None else "",
                "yes" if e.winner else "no",
                "yes" if e.eligible else "no",
                "; ".join(describe_all(e.reasons, e.detail)),
            ]


def write_csv(rows: Iterable[list[Any]], out: TextSink) -> None:
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])


def write_xlsx(rows: Iterable[list[Any]], out) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("rankings")
    sheet.append(HEADER)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    workbook.save(out)
