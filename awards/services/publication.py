"""Publishing a category: its ranking frozen into a publication, public at once."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from agencies import roles
from agencies.models import User
from agencies.selectors import names_of_year
from awards.models import Category, Publication, PublishedEntry, Ranking
from awards.selectors import inputs
from awards.services.errors import AwardsError
from surveys.services.notifications import on_award_published


def category_publish(*, category: Category, by: User) -> Publication:
    """Freeze the category's current ranking as published; later rescoring does not touch it."""
    if not roles.is_dga_admin(by):
        raise AwardsError("forbidden", "only a DGA admin publishes")
    with transaction.atomic():
        category = (
            Category.objects.select_for_update().select_related("awards__questionnaire").get(pk=category.pk)
        )
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
        entries = list(ranking.entries.select_related("agency"))
        names_of_year([e.agency for e in entries], category.awards.questionnaire.year)
        PublishedEntry.objects.bulk_create(
            [
                PublishedEntry(
                    publication=publication,
                    position=e.position,
                    agency_code=e.agency.code,
                    agency_name_th=(e.agency.name_then or e.agency).name_th,
                    agency_name_en=(e.agency.name_then or e.agency).name_en,
                    rank=e.rank,
                    score=e.score,
                    winner=e.winner,
                    eligible=e.eligible,
                    reasons=e.reasons,
                )
                for e in entries
            ],
            batch_size=2000,
        )
        on_award_published(
            title_th=category.title_th,
            title_en=category.title_en,
            link=reverse("awards:results"),
            agency_ids=list(ranking.entries.values_list("agency_id", flat=True)),
        )
    return publication
