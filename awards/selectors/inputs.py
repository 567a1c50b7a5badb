"""What a ranking is made from, read from the database: agencies' facts, earlier totals, panel
sheets, and a fingerprint of them all (a ranking whose fingerprint differs is stale)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.fields.json import KeyTransform

from awards.domain.eligibility import Facts
from awards.models import Category, PanelScore
from surveys.models import Response, ResponseStatus, ScoreCard

# Responses that reached DGA; a response with a score card is considered whatever its status.
CONSIDERED = (
    ResponseStatus.SUBMITTED,
    ResponseStatus.UNDER_REVIEW,
    ResponseStatus.RETURNED,
    ResponseStatus.ACCEPTED,
)


@dataclass(frozen=True)
class Inputs:
    facts: list[Facts]
    agency_ids: dict[str, int]


def node_codes(categories: Iterable[Category]) -> set[str]:
    """Every pillar or indicator the categories rank by or set a minimum on."""
    codes: set[str] = set()
    for c in categories:
        if c.node:
            codes.add(c.node)
        codes.update((c.eligibility or {}).get("min_pillars") or {})
    return codes


def load_facts(*, questionnaire_id: int, nodes: set[str]) -> Inputs:
    """Two queries: the considered responses, and their cards' total and the node scores asked for
    (from `node_scores`: no card is read)."""
    responses = Response.objects.filter(questionnaire_id=questionnaire_id)
    rows = {
        code: (agency_id, kind, status)
        for code, agency_id, kind, status in responses.filter(status__in=CONSIDERED).values_list(
            "agency__code", "agency_id", "agency__kind", "status"
        )
    }
    annotations = {f"n{i}": KeyTransform(code, "node_scores") for i, code in enumerate(sorted(nodes))}
    names = dict(zip(annotations, sorted(nodes), strict=True))
    fields = ["response__agency__code", "response__agency_id", "response__agency__kind", "response__status"]
    cards = (
        ScoreCard.objects.filter(
            questionnaire_id=questionnaire_id, response__questionnaire_id=questionnaire_id
        )
        .annotate(**annotations)
        .values(*fields, "total", *annotations)
    )
    facts: dict[str, Facts] = {}
    ids: dict[str, int] = {}
    for card in cards:
        code = card["response__agency__code"]
        ids[code] = card["response__agency_id"]
        scores = {names[k]: _float(card[k]) for k in annotations}
        facts[code] = Facts(
            code, card["response__agency__kind"], card["response__status"], card["total"], scores
        )
    for code, (agency_id, kind, status) in rows.items():
        if code not in facts:
            ids[code] = agency_id
            facts[code] = Facts(code, kind, status, None, {})
    return Inputs(list(facts.values()), ids)


def _float(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def previous_totals(*, questionnaire_code: str) -> dict[str, float | None]:
    rows = ScoreCard.objects.filter(questionnaire__code=questionnaire_code).values_list(
        "response__agency__code", "total"
    )
    return dict(rows)


def panel_sheets(*, category: Category) -> dict[str, list[float]]:
    sheets: dict[str, list[float]] = defaultdict(list)
    for code, score in PanelScore.objects.filter(category=category).values_list("agency__code", "score"):
        sheets[code].append(score)
    return dict(sheets)


def fingerprints(categories: list[Category]) -> dict[int, str]:
    """Per category, a digest of everything its ranking reads; a few aggregate queries in all."""
    shared: dict[object, tuple] = {}

    def cards_of(**where) -> tuple:
        key = tuple(sorted(where.items()))
        if key not in shared:
            found = ScoreCard.objects.filter(**where).aggregate(n=Count("pk"), last=Max("computed_at"))
            shared[key] = (found["n"], str(found["last"]))
        return shared[key]

    def responses_of(questionnaire_id: int) -> tuple:
        key = ("responses", questionnaire_id)
        if key not in shared:
            responses = Response.objects.filter(questionnaire_id=questionnaire_id)
            found = responses.aggregate(n=Count("pk"), last=Max("updated_at"))
            # An agency's kind decides which categories it is in: a registry edit makes rankings stale.
            kinds = responses.order_by("agency__code").values_list("agency__code", "agency__kind")
            kinds_digest = hashlib.sha256(json.dumps(list(kinds)).encode()).hexdigest()
            shared[key] = (found["n"], str(found["last"]), kinds_digest)
        return shared[key]

    panels = {
        row["category_id"]: (row["n"], str(row["last"]))
        for row in PanelScore.objects.filter(category__in=categories)
        .values("category_id")
        .annotate(n=Count("pk"), last=Max("updated_at"))
    }
    digests: dict[int, str] = {}
    for c in categories:
        q = c.awards.questionnaire_id
        parts = [
            cards_of(questionnaire_id=q),
            responses_of(q),
            cards_of(questionnaire__code=c.compare_to) if c.compare_to else None,
            panels.get(c.pk) if c.is_panel else None,
            [c.basis, c.node, c.eligibility, c.precision, c.winners, c.compare_to, c.rubric, c.shortlist],
        ]
        blob = json.dumps(parts, sort_keys=True, default=str)
        digests[c.pk] = hashlib.sha256(blob.encode()).hexdigest()
    return digests
