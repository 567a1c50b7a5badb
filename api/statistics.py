"""A cycle's published statistics as open data (JSON and CSV) and their dataset in the catalogue.

Published by the rule of `awards/selectors/publication.py`: never before the cycle's first award
publication (404)."""

from __future__ import annotations

import csv
from datetime import datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from agencies.models import AgencyKind
from awards.selectors.publication import cycle_published_at
from surveys.domain.statistics import ALL
from surveys.models import Cycle
from surveys.selectors.statistics import CycleStatistics, statistics_of

GROUP_NAMES = {ALL: ("หน่วยงานเป้าหมายทั้งหมด", "All target agencies")}


def _group_names(group: str) -> tuple[str, str]:
    if group in GROUP_NAMES:
        return GROUP_NAMES[group]
    label = AgencyKind(group).label
    with translation.override("th"):
        th = str(label)
    with translation.override("en"):
        return th, str(label)


def published_statistics(year: int) -> dict[str, Any]:
    """The statistics of a published cycle (404 for an unknown or unpublished one)."""
    cycle = get_object_or_404(Cycle.objects.select_related("questionnaire"), year=year)
    published_at = cycle_published_at(cycle=cycle)
    if published_at is None:
        raise Http404
    return statistics_document(statistics_of(cycle=cycle), published_at)


def statistics_document(stats: CycleStatistics, published_at: datetime) -> dict[str, Any]:
    groups = []
    for g in stats.groups:
        th, en = _group_names(g.group)
        groups.append(
            {
                "group": g.group,
                "group_th": th,
                "group_en": en,
                "targets": g.targets,
                "responded": g.responded,
                "response_rate": g.rate,
                "mean_total": g.mean_total,
                "pillar_means": g.pillar_means,
                "bands": g.bands,
            }
        )
    return {
        "year": stats.cycle.year,
        "published_at": published_at,
        "modified": max(published_at, stats.scored_at or published_at),
        "pillars": [{"code": p.code, "title_th": p.title.th, "title_en": p.title.en} for p in stats.pillars],
        "bands": [{"code": b.code, "label_th": b.label.th, "label_en": b.label.en} for b in stats.bands],
        "groups": groups,
    }


def csv_header(document: dict[str, Any]) -> list[str]:
    pillars = [f"pillar_{p['code']}" for p in document["pillars"]]
    bands = [f"band_{b['code']}" for b in document["bands"]]
    return [
        "year", "group", "group_th", "group_en", "targets", "responded", "response_rate", "mean_total",
        *pillars, *bands,
    ]  # fmt: skip


def _cell(value: Any) -> Any:
    return "" if value is None else value


def statistics_csv(document: dict[str, Any]) -> HttpResponse:
    """One row per group; scores and the rate as fractions 0–1, an empty cell for no figure."""
    reply = HttpResponse(content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="readiness-{document["year"]}-statistics.csv"'
    writer = csv.writer(reply)
    writer.writerow(csv_header(document))
    for g in document["groups"]:
        fixed = [g[k] for k in ("group", "group_th", "group_en", "targets", "responded")]
        scores = [_cell(g["response_rate"]), _cell(g["mean_total"])]
        pillars = [_cell(g["pillar_means"].get(p["code"])) for p in document["pillars"]]
        bands = [g["bands"].get(b["code"], 0) for b in document["bands"]]
        writer.writerow([document["year"], *fixed, *scores, *pillars, *bands])
    return reply
