"""Ranking use cases: a rank job requested and enqueued on commit, run, stored with its fingerprint.

Awards read scores; they never change them."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Mapping

from django.db import connection, transaction
from django.utils import timezone

from awards.domain.candidates import rank_category
from awards.models import Awards, Category, Ranking, RankingEntry
from awards.selectors import inputs
from common.queue import enqueue

logger = logging.getLogger(__name__)


def awards_request_ranking(*, awards: Awards) -> None:
    """Note the request and enqueue the rank job once the transaction commits."""
    Awards.objects.filter(pk=awards.pk).update(rank_requested_at=timezone.now())
    transaction.on_commit(lambda: _enqueue_ranking(awards.pk))


def _enqueue_ranking(awards_id: int) -> None:
    if not enqueue("awards.tasks.rank_awards_task", awards_id):
        logger.warning("broker unreachable: ranking of award file %s not enqueued", awards_id)


def awards_rank(*, awards_id: int) -> list[Ranking]:
    """Rank every category of an award file from the current inputs; safe to run again."""
    with transaction.atomic():
        awards = Awards.objects.select_for_update().select_related("questionnaire").get(pk=awards_id)
        categories = list(awards.categories.select_related("awards"))
        digests = inputs.fingerprints(categories)
        loaded = inputs.load_facts(
            questionnaire_id=awards.questionnaire_id, nodes=inputs.node_codes(categories)
        )
        previous: dict[str, dict] = {}
        rankings = []
        for category in categories:
            if category.compare_to and category.compare_to not in previous:
                previous[category.compare_to] = inputs.previous_totals(questionnaire_code=category.compare_to)
            ranked = rank_category(
                category.spec,
                loaded.facts,
                previous=previous.get(category.compare_to),
                panel=inputs.panel_sheets(category=category) if category.is_panel else None,
            )
            rankings.append(_store(category, ranked, loaded.agency_ids, digests[category.pk]))
    return rankings


def _store(category: Category, ranked: list, agency_ids: Mapping[str, int], fingerprint: str) -> Ranking:
    ranking, _ = Ranking.objects.update_or_create(
        category=category, defaults={"computed_at": timezone.now(), "fingerprint": fingerprint}
    )
    RankingEntry.objects.filter(ranking=ranking).delete()
    rows = (
        (
            ranking.pk,
            agency_ids[r.entry.agency],
            position,
            r.entry.rank,
            r.entry.score,
            r.raw,
            r.entry.winner,
            r.entry.eligible,
            json.dumps([reason.to_dict() for reason in r.entry.reasons]) if r.entry.reasons else "[]",
            json.dumps(dict(r.detail)) if r.detail else "{}",
        )
        for position, r in enumerate(ranked, start=1)
    )
    _insert_entries(rows)
    return ranking


_ENTRY_COLUMNS = (
    "ranking_id",
    "agency_id",
    "position",
    "rank",
    "score",
    "raw_score",
    "winner",
    "eligible",
    "reasons",
    "detail",
)


def _insert_entries(rows: Iterable[tuple]) -> None:
    """Write a ranking's entries in one statement, without a model instance per row: thousands of
    entries per category are the bulk of a ranking's time. PostgreSQL reads them with COPY; other
    databases get one prepared INSERT run for every row."""
    table = RankingEntry._meta.db_table
    columns = ", ".join(_ENTRY_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
            buffer.seek(0)
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
        else:
            marks = ", ".join(["%s"] * len(_ENTRY_COLUMNS))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (our own names)
            cursor.executemany(insert, list(rows))


def ranking_is_stale(*, category: Category) -> bool:
    ranking = Ranking.objects.filter(category=category).first()
    return ranking is None or ranking.fingerprint != inputs.fingerprints([category])[category.pk]
