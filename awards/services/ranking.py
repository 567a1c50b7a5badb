"""Ranking use cases: a rank job requested and enqueued on commit, run, stored with its fingerprint.

Awards read scores; they never change them."""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from awards.domain.candidates import Ranked, rank_category
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
    """Rank every category of an award file from the current inputs; safe to run again.

    Everything is read first; the categories are then ranked as the one COPY of their entries
    reads them, so PostgreSQL stores a category while Python ranks the next."""
    with transaction.atomic(), _collector_paused():
        awards = Awards.objects.select_for_update().select_related("questionnaire").get(pk=awards_id)
        categories = list(awards.categories.select_related("awards"))
        digests = inputs.fingerprints(categories)
        loaded = inputs.load_facts(
            questionnaire_id=awards.questionnaire_id, nodes=inputs.node_codes(categories)
        )
        previous: dict[str, dict] = {}
        panels: dict[int, dict[str, list[float]] | None] = {}
        for category in categories:
            if category.compare_to and category.compare_to not in previous:
                previous[category.compare_to] = inputs.previous_totals(questionnaire_code=category.compare_to)
            panels[category.pk] = inputs.panel_sheets(category=category) if category.is_panel else None
        rankings = _renew(categories, digests)

        def ranked() -> Iterator[tuple[Ranking, list[Ranked]]]:
            for ranking in rankings:
                category = ranking.category
                before = previous.get(category.compare_to)
                yield (
                    ranking,
                    rank_category(category.spec, loaded.facts, previous=before, panel=panels[category.pk]),
                )

        _insert_entries(_rows(ranked(), loaded.agency_ids))
    return rankings


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a ranking is made: a category's tens of thousands of new
    objects (facts, entries, rows) stay alive until stored, so they set off full passes that walk
    every object of the process and free nothing (about 1 of the 2 s of Python of a national ranking,
    in a process holding a year's data); the rank job makes no cycles worth collecting meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _renew(categories: list[Category], digests: Mapping[int, str]) -> list[Ranking]:
    """A new ranking row for each category, the old ones deleted with their entries (one statement).
    New rows, not the old ones updated: their entries' keys then never meet the deleted entries' in
    the unique (ranking, agency) and (ranking, position) indexes, where each such meeting costs a
    visit to the table (it tripled the time of a national ranking's COPY)."""
    Ranking.objects.filter(category__in=categories).delete()
    now = timezone.now()
    return [
        Ranking.objects.create(category=c, computed_at=now, fingerprint=digests[c.pk]) for c in categories
    ]


def _rows(rankings: Iterable[tuple[Ranking, list[Ranked]]], agency_ids: Mapping[str, int]) -> Iterator[tuple]:
    """The entries' columns (_ENTRY_COLUMNS), reasons and detail as JSON. A detail shared by
    consecutive entries (a pillar category's, say) is written once."""
    for ranking, ranked in rankings:
        detail, detail_json = None, "{}"
        for position, r in enumerate(ranked, start=1):
            e = r.entry
            if r.detail is not detail:
                detail, detail_json = r.detail, (json.dumps(dict(r.detail)) if r.detail else "{}")
            reasons = e.reasons
            yield (
                ranking.pk,
                agency_ids[e.agency],
                position,
                e.rank,
                e.score,
                r.raw,
                e.winner,
                not reasons,
                "[" + ", ".join([reason.as_json for reason in reasons]) + "]" if reasons else "[]",
                detail_json,
            )


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
    """Write entries in one statement, without a model instance per row: thousands of entries per
    category are the bulk of a ranking's time. PostgreSQL reads them with COPY (text format: only
    the JSON columns can hold a backslash) from rows made as it reads; other databases get one
    prepared INSERT run for every row."""
    table = RankingEntry._meta.db_table
    columns = ", ".join(_ENTRY_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            lines = _Lines(_copy_line(row) for row in rows)
            try:
                cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", lines, size=_CHUNK)
            except Exception:
                if lines.failed is not None:
                    raise lines.failed from None  # what failed making the rows, not "error in .read()"
                raise
        else:
            marks = ", ".join(["%s"] * len(_ENTRY_COLUMNS))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (our own names)
            cursor.executemany(insert, list(rows))


_CHUNK = 2**16  # characters COPY reads at a time


class _Lines:
    """A read-only text file of lines made only when read: COPY sends what it has read while
    the lines that follow are made."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.left = ""
        self.failed: Exception | None = None

    def read(self, size: int = -1) -> str:
        try:
            return self._read(size)
        except Exception as error:
            self.failed = error
            raise

    def _read(self, size: int) -> str:
        chunks, length = [self.left], len(self.left)
        for line in self.lines:
            chunks.append(line)
            length += len(line)
            if 0 <= size <= length:
                break
        text = "".join(chunks)
        if size < 0:
            self.left = ""
            return text
        self.left = text[size:]
        return text[:size]


def _copy_line(row: tuple) -> str:
    """One row in COPY's text format: tab-separated, \\N for NULL, t/f, backslashes doubled."""
    ranking_id, agency_id, position, rank, score, raw, winner, eligible, reasons, detail = row
    if "\\" in reasons:
        reasons = reasons.replace("\\", "\\\\")
    if "\\" in detail:
        detail = detail.replace("\\", "\\\\")
    return (
        f"{ranking_id}\t{agency_id}\t{position}\t{_NULL if rank is None else rank}\t"
        f"{_NULL if score is None else score}\t{_NULL if raw is None else raw}\t"
        f"{'t' if winner else 'f'}\t{'t' if eligible else 'f'}\t{reasons}\t{detail}\n"
    )


_NULL = "\\N"


def ranking_is_stale(*, category: Category) -> bool:
    ranking = Ranking.objects.filter(category=category).first()
    return ranking is None or ranking.fingerprint != inputs.fingerprints([category])[category.pk]
