"""Queries behind the cycle dashboard, benchmarks and score exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, TextField, Value
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, NullIf

from agencies.models import AgencyKind
from surveys.domain import dashboard
from surveys.models import (
    Cycle,
    CycleTarget,
    Questionnaire,
    Response,
    ScoreCard,
)


@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    targets_by_kind: dict[str, int]
    responses_by_status: dict[str, int]

    @property
    def department_level(self) -> int:
        """Department-level agencies, regional administration units included (as DGA counts)."""
        return self.targets_by_kind.get(AgencyKind.DEPARTMENT, 0) + self.regional

    @property
    def regional(self) -> int:
        return self.targets_by_kind.get(AgencyKind.REGIONAL, 0)

    @property
    def pcio(self) -> int:
        return self.targets_by_kind.get(AgencyKind.PCIO, 0)

    @property
    def other(self) -> int:
        return self.targets_by_kind.get(AgencyKind.OTHER, 0)

    @property
    def total(self) -> int:
        return sum(self.targets_by_kind.values())


def cycle_summary(*, cycle: Cycle) -> CycleSummary:
    kinds = CycleTarget.objects.filter(cycle=cycle).values_list("agency__kind").annotate(n=Count("pk"))
    statuses = Response.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk"))
    return CycleSummary(cycle, dict(kinds), dict(statuses))


def dashboard_rows(*, cycle: Cycle) -> list[dashboard.Row]:
    """One row per target agency of the cycle: its response's status and the current scores of its
    group's questionnaire; pillars by the main questionnaire's codes, which every group shares."""
    cards = {
        c.response_id: c
        for c in ScoreCard.objects.filter(
            response__cycle=cycle, questionnaire=F("response__questionnaire")
        ).only("response_id", "total", "band", "card")
    }
    responses = {
        r.agency_id: r for r in Response.objects.filter(cycle=cycle).only("id", "agency_id", "status")
    }
    pillar_codes = [p.code for p in cycle.questionnaire.parsed.pillars]
    rows = []
    targets = CycleTarget.objects.filter(cycle=cycle).select_related("agency__ministry")
    for target in targets:
        agency = target.agency
        response = responses.get(agency.pk)
        card = cards.get(response.pk) if response else None
        nodes = card.card["nodes"] if card else {}
        rows.append(
            dashboard.Row(
                agency=agency.code,
                kind=agency.kind,
                ministry=agency.ministry.code if agency.ministry is not None else "",
                status=response.status if response else "not_started",
                total=card.total if card else None,
                band=card.band or None if card else None,
                pillars={p: nodes.get(p, {}).get("score") for p in pillar_codes},
            )
        )
    return rows


def node_score(code: str) -> Cast:
    """A node's score from the stored card, in the database (no card loaded into Python); NULL
    when the node is not applicable (its score is JSON null) or absent.

    The text of a JSON null is SQL NULL on PostgreSQL (`#>>`) but the string 'null' on SQLite
    (Django reads the key with JSON_TYPE there), and SQLite casts 'null' to 0.0: NULLIF keeps a
    not-applicable pillar empty in exports and out of averages on both."""
    text = KeyTextTransform("score", KeyTransform(code, KeyTransform("nodes", "card")))
    return Cast(NullIf(text, Value("null", output_field=TextField())), FloatField())


def score_rows(*, questionnaire: Questionnaire) -> tuple[list[str], Iterator[list]]:
    """`agency,total,band,<pillar code>...` per scored response, by agency code (export_scores)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    annotations = {f"pillar_{i}": node_score(code) for i, code in enumerate(pillars)}
    cards = (
        ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
        .annotate(**annotations)
        .order_by("response__agency__code")
        .values_list("response__agency__code", "total", "band", *annotations)
    )
    return ["agency", "total", "band", *pillars], (list(row) for row in cards.iterator(chunk_size=500))


def pillar_averages(
    *, questionnaire: Questionnaire, kind: str | None = None, cycle: Cycle | None = None
) -> dict[str, float | None]:
    """The mean score of every pillar of the questionnaire over its score cards (of one agency kind);
    with a cycle, over the current cards of every questionnaire of the cycle (every target group:
    the national figure), pillar by pillar code."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    if cycle is not None:
        cards = ScoreCard.objects.filter(response__cycle=cycle, questionnaire=F("response__questionnaire"))
    else:
        cards = ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
    if kind:
        cards = cards.filter(response__agency__kind=kind)
    means = cards.aggregate(**{f"p{i}": Avg(node_score(code)) for i, code in enumerate(pillars)})
    return {code: means[f"p{i}"] for i, code in enumerate(pillars)}
