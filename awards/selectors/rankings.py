"""Queries behind the award pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from agencies.models import Agency, User
from agencies.selectors import names_of_year
from awards.explain import Row, card_rows
from awards.models import Awards, Category, PanelScore, Publication, PublishedEntry, Ranking, RankingEntry
from awards.selectors import inputs
from awards.selectors.panels import evaluator_conflicts, panel_shortlist
from surveys.models import Response, ScoreCard


@dataclass(frozen=True)
class CategoryState:
    category: Category
    ranking: Ranking | None
    stale: bool
    publication: Publication | None


def awards_overview() -> list[tuple[Awards, list[CategoryState]]]:
    """Every award file with its categories, whether each ranking is stale, and its latest publication."""
    awards = list(Awards.objects.select_related("questionnaire"))
    categories = list(Category.objects.filter(awards__in=awards).select_related("awards", "ranking"))
    digests = inputs.fingerprints(categories)
    latest: dict[int, Publication] = {}
    for p in Publication.objects.filter(category__in=categories).order_by("published_at", "pk"):
        latest[p.category_id] = p
    grouped: dict[int, list[CategoryState]] = defaultdict(list)
    for c in categories:
        ranking = getattr(c, "ranking", None)
        stale = ranking is None or ranking.fingerprint != digests[c.pk]
        grouped[c.awards_id].append(CategoryState(c, ranking, stale, latest.get(c.pk)))
    return [(a, grouped[a.pk]) for a in awards]


def category_of(*, awards_code: str, category_code: str) -> Category:
    return get_object_or_404(
        Category.objects.select_related("awards__questionnaire"), awards__code=awards_code, code=category_code
    )


def category_state(*, category: Category) -> CategoryState:
    ranking = Ranking.objects.filter(category=category).first()
    if ranking is not None:
        ranking.category = category  # with its awards and questionnaire already loaded
    stale = ranking is None or ranking.fingerprint != inputs.fingerprints([category])[category.pk]
    publication = Publication.objects.filter(category=category).order_by("-published_at", "-pk").first()
    return CategoryState(category, ranking, stale, publication)


def ranking_entries(*, ranking: Ranking | None, hidden: bool = False) -> list[RankingEntry]:
    """The ranking, best first; while its panel is open (`hidden`), by agency code: no order that
    depends on scores, so evaluators cannot read each other's relative scores from it. Agencies
    bear the names in force during the year of the awards' questionnaire."""
    if ranking is None:
        return []
    # The category's entries, not this ranking row's: a ranking made meanwhile replaces the row.
    found = RankingEntry.objects.filter(ranking__category_id=ranking.category_id)
    order = "agency__code" if hidden else "position"
    entries = list(found.select_related("agency__ministry").order_by(order))
    names_of_year([e.agency for e in entries], year_of(ranking.category))
    return entries


def year_of(category: Category) -> int | None:
    """The year (B.E.) whose names an award category's pages show: its questionnaire's."""
    return category.awards.questionnaire.year


@dataclass(frozen=True)
class Explanation:
    agency: Agency
    entry: RankingEntry | None
    response: Response | None
    card: ScoreCard | None
    rows: list[Row] = field(default_factory=list)


def explanation(*, category: Category, agency_code: str) -> Explanation:
    """Why an agency stands where it does: its entry in the ranking and its score card, row by row."""
    agency = get_object_or_404(Agency, code=agency_code)
    entry = RankingEntry.objects.filter(ranking__category=category, agency=agency).first()
    response = (
        Response.objects.filter(agency=agency, questionnaire_id=category.awards.questionnaire_id)
        .select_related("questionnaire")
        .first()
    )
    if entry is None or response is None:
        raise Http404  # only agencies of the category's ranking are explained
    card = ScoreCard.objects.filter(response=response, questionnaire_id=response.questionnaire_id).first()
    rows = card_rows(response.questionnaire.parsed, card.card, get_language()) if card else []
    names_of_year([agency], year_of(category))
    return Explanation(agency, entry, response, card, rows)


@dataclass(frozen=True)
class PanelRow:
    agency: Agency
    conflict: bool
    mine: PanelScore | None
    count: int
    mean: float | None  # shown only once the panel is closed


def panel_rows(*, category: Category, evaluator: User) -> list[PanelRow]:
    """The shortlist as one evaluator sees it: their own sheets; others' only after the panel closes."""
    codes = panel_shortlist(category=category)
    agencies = list(Agency.objects.filter(code__in=codes).select_related("ministry"))
    sheets = PanelScore.objects.filter(category=category)
    mine = {s.agency_id: s for s in sheets.filter(evaluator=evaluator)}
    scores: dict[int, list[float]] = defaultdict(list)
    for agency_id, score in sheets.values_list("agency_id", "score"):
        scores[agency_id].append(score)
    closed = not category.panel_open
    names_of_year(agencies, year_of(category))
    return [
        PanelRow(
            a,
            evaluator_conflicts(evaluator=evaluator, agency=a),
            mine.get(a.pk),
            len(scores[a.pk]),
            fmean(scores[a.pk]) if closed and scores[a.pk] else None,
        )
        # Open: by code, as no order that depends on scores; closed: the shortlist's order.
        for a in sorted(agencies, key=lambda a: codes.index(a.code) if closed else a.code)
    ]


@dataclass(frozen=True)
class PublishedCategory:
    publication: Publication
    winners: list[PublishedEntry]


def published_winners() -> list[PublishedCategory]:
    """The latest publication of every published category, with its winners only."""
    latest: dict[int, Publication] = {}
    publications = Publication.objects.select_related("category__awards").order_by("published_at", "pk")
    winners = PublishedEntry.objects.filter(winner=True).order_by("position")
    for p in publications.prefetch_related(Prefetch("entries", queryset=winners)):
        latest[p.category_id] = p
    ordered = sorted(latest.values(), key=lambda p: (p.category.awards.code, p.category.position))
    return [PublishedCategory(p, list(p.entries.all())) for p in ordered]  # the prefetched winners
