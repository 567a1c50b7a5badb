"""When a cycle's results are public: the rule behind its open-data statistics.

A cycle has no publication flag of its own; its results are published with its awards. A cycle's
statistics are published from the first publication of any award category whose award file is
decided from one of the questionnaires the cycle's target groups answer (docs/api.md)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from awards.models import Publication
from surveys.models import Cycle


def cycle_published_at(*, cycle: Cycle) -> datetime | None:
    """The first publication of an award category of the cycle, or None: not published yet."""
    questionnaires = {cycle.questionnaire_id, *cycle.groups.values_list("questionnaire_id", flat=True)}
    first = Publication.objects.filter(category__awards__questionnaire_id__in=questionnaires).aggregate(
        first=Min("published_at")
    )
    return first["first"]


def cycles_published() -> list[tuple[Cycle, datetime]]:
    """Every cycle whose statistics are published, with the day they were, by year."""
    found = []
    for cycle in Cycle.objects.select_related("questionnaire").order_by("year"):
        published_at = cycle_published_at(cycle=cycle)
        if published_at is not None:
            found.append((cycle, published_at))
    return found
