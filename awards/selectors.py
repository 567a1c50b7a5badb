"""Queries behind the ranking pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyKind
from surveys.models import Cycle, ResponseStatus, ScoreCard

from .ranking import Candidate, Entry, rank

RANKED_STATUSES = (ResponseStatus.SUBMITTED, ResponseStatus.UNDER_REVIEW, ResponseStatus.ACCEPTED)
GROUPS = (
    ("department", _("Department level"), (AgencyKind.DEPARTMENT, AgencyKind.REGIONAL)),
    ("pcio", _("Provincial CIO committees"), (AgencyKind.PCIO,)),
)


@dataclass(frozen=True)
class RankedGroup:
    code: str
    title: str
    cycle: Cycle
    rows: list[tuple[Entry, Agency]]


def preliminary_rankings(*, precision: int = 4, winners: int = 10) -> list[RankedGroup]:
    """Rank the latest cycle's scored responses by total, per agency group."""
    cycle = Cycle.objects.select_related("questionnaire").first()
    if cycle is None:
        return []
    cards = ScoreCard.objects.filter(
        questionnaire=cycle.questionnaire,
        response__cycle=cycle,
        response__status__in=RANKED_STATUSES,
    ).select_related("response__agency")
    groups = []
    for code, title, kinds in GROUPS:
        agencies = {
            c.response.agency.code: c.response.agency for c in cards if c.response.agency.kind in kinds
        }
        candidates = [
            Candidate(c.response.agency.code, c.total) for c in cards if c.response.agency.code in agencies
        ]
        entries = rank(candidates, precision=precision, winners=winners)
        groups.append(RankedGroup(code, str(title), cycle, [(e, agencies[e.agency]) for e in entries]))
    return groups
