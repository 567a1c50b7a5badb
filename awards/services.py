"""Use cases that change awards: ranking, panel sheets, closing a panel, publishing.

Awards read scores; they never change them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from agencies.models import Agency, User

from . import inputs
from .candidates import panel_fraction, rank_category
from .models import Awards, Category, PanelScore, Publication, PublishedEntry, Ranking, RankingEntry

logger = logging.getLogger(__name__)


class AwardsError(Exception):
    """A refused step; `code` says which rule refused it."""

    def __init__(self, code: str, message: str = "") -> None:
        self.code = code
        super().__init__(message or code)


# --- ranking -------------------------------------------------------------------------------


def awards_request_ranking(*, awards: Awards) -> None:
    """Note the request and enqueue the rank job once the transaction commits."""
    Awards.objects.filter(pk=awards.pk).update(rank_requested_at=timezone.now())
    transaction.on_commit(lambda: _enqueue_ranking(awards.pk))


def _enqueue_ranking(awards_id: int) -> None:
    from .tasks import rank_awards_task

    try:
        rank_awards_task.delay(awards_id)
    except BrokerError:
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
    RankingEntry.objects.bulk_create(
        [
            RankingEntry(
                ranking=ranking,
                agency_id=agency_ids[r.entry.agency],
                position=position,
                rank=r.entry.rank,
                score=r.entry.score,
                raw_score=r.raw,
                winner=r.entry.winner,
                eligible=r.entry.eligible,
                reasons=[reason.to_dict() for reason in r.entry.reasons],
                detail=dict(r.detail),
            )
            for position, r in enumerate(ranked, start=1)
        ],
        batch_size=2000,
    )
    return ranking


def ranking_is_stale(*, category: Category) -> bool:
    ranking = Ranking.objects.filter(category=category).first()
    return ranking is None or ranking.fingerprint != inputs.fingerprints([category])[category.pk]


# --- panels --------------------------------------------------------------------------------


def evaluator_conflicts(*, evaluator: User, agency: Agency) -> bool:
    """The conflict-of-interest rule: nobody scores an agency of their own ministry."""
    return evaluator.affiliation_id is not None and evaluator.affiliation_id == agency.ministry_id


def panel_score_save(
    *, category: Category, agency: Agency, evaluator: User, points: Mapping[str, float], comment: str = ""
) -> PanelScore:
    """Save one evaluator's sheet for one shortlisted agency, if every rule allows it."""
    if not (evaluator.is_active and evaluator.is_evaluator):
        raise AwardsError("forbidden", "only evaluators score panel awards")
    if evaluator_conflicts(evaluator=evaluator, agency=agency):
        raise AwardsError("conflict", "an evaluator never scores an agency of their own ministry")
    spec = category.spec
    _check_points(spec.rubric, points)
    with transaction.atomic():
        category = Category.objects.select_for_update().select_related("awards").get(pk=category.pk)
        if not category.is_panel:
            raise AwardsError("not_panel", "this category is not decided by a panel")
        if category.panel_closed_at is not None:
            raise AwardsError("closed", "the panel is closed")
        if agency.code not in panel_shortlist(category=category):
            raise AwardsError("not_shortlisted", "the agency is not on the category's shortlist")
        sheet, _ = PanelScore.objects.update_or_create(
            category=category,
            agency=agency,
            evaluator=evaluator,
            defaults={
                "points": {c.code: float(points[c.code]) for c in spec.rubric},
                "score": panel_fraction(points, spec.rubric),
                "comment": comment.strip(),
            },
        )
    return sheet


def _check_points(rubric, points: Mapping[str, float]) -> None:
    for criterion in rubric:
        value = points.get(criterion.code)
        if value is None or not 0 <= float(value) <= criterion.max:
            raise AwardsError("points", f"{criterion.code}: give 0 to {criterion.max:g} points")
    if extra := set(points) - {c.code for c in rubric}:
        raise AwardsError("points", f"unknown criteria: {sorted(extra)}")


def panel_shortlist(*, category: Category) -> list[str]:
    """Agency codes the panel scores: the explicit shortlist, or every eligible agency of the category."""
    spec = category.spec
    if spec.shortlist:
        return list(spec.shortlist)
    loaded = inputs.load_facts(
        questionnaire_id=category.awards.questionnaire_id, nodes=inputs.node_codes([category])
    )
    ranked = rank_category(spec, loaded.facts, panel={f.agency: [0.0] for f in loaded.facts})
    return [r.entry.agency for r in ranked if r.entry.eligible]


def panel_close(*, category: Category, by: User) -> Category:
    if not by.is_dga_admin:
        raise AwardsError("forbidden", "only a DGA admin closes a panel")
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category.pk)
        if not category.is_panel:
            raise AwardsError("not_panel", "this category is not decided by a panel")
        if category.panel_closed_at is None:
            category.panel_closed_at = timezone.now()
            category.save(update_fields=["panel_closed_at"])
        awards_request_ranking(awards=category.awards)
    return category


# --- publication ---------------------------------------------------------------------------


def category_publish(*, category: Category, by: User) -> Publication:
    """Freeze the category's current ranking as published; later rescoring does not touch it."""
    if not by.is_dga_admin:
        raise AwardsError("forbidden", "only a DGA admin publishes")
    with transaction.atomic():
        category = Category.objects.select_for_update().select_related("awards").get(pk=category.pk)
        if category.panel_open:
            raise AwardsError("panel_open", "close the panel before publishing")
        ranking = Ranking.objects.filter(category=category).first()
        if ranking is None or ranking.fingerprint != inputs.fingerprints([category])[category.pk]:
            raise AwardsError("stale", "the ranking is missing or out of date: rank again first")
        publication = Publication.objects.create(
            category=category,
            published_by=by,
            ranking_computed_at=ranking.computed_at,
            fingerprint=ranking.fingerprint,
            title_th=category.title_th,
            title_en=category.title_en,
        )
        PublishedEntry.objects.bulk_create(
            [
                PublishedEntry(
                    publication=publication,
                    position=e.position,
                    agency_code=e.agency.code,
                    agency_name_th=e.agency.name_th,
                    agency_name_en=e.agency.name_en,
                    rank=e.rank,
                    score=e.score,
                    winner=e.winner,
                    eligible=e.eligible,
                    reasons=e.reasons,
                )
                for e in ranking.entries.select_related("agency")
            ],
            batch_size=2000,
        )
    return publication
