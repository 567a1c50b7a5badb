"""Award fixtures: an award file over the small questionnaire, and agencies with score cards."""

import pytest
from django.utils import timezone

from awards.services.imports import awards_import
from surveys.models import ResponseStatus, ScoreCard
from tests.factories import AgencyFactory, ResponseFactory


def awards_data(*categories: dict) -> dict:
    return {
        "code": "awards-test",
        "questionnaire": "small-2566",
        "title": {"th": "รางวัลทดสอบ", "en": "Test awards"},
        "categories": list(categories),
    }


TOTAL = {
    "code": "top",
    "title": {"th": "คะแนนรวมสูงสุด", "en": "Highest total"},
    "basis": "total",
    "eligible": {"kinds": ["department", "regional"]},
    "precision": 2,
    "winners": 2,
}
PANEL = {
    "code": "leaders",
    "title": {"th": "ผู้นำดิจิทัล", "en": "Digital leadership"},
    "basis": "panel",
    "eligible": {"kinds": ["department"]},
    "precision": 2,
    "winners": 1,
    "rubric": [
        {"code": "vision", "title": {"th": "วิสัยทัศน์", "en": "Vision"}, "max": 60},
        {"code": "results", "title": {"th": "ผลลัพธ์", "en": "Results"}, "max": 40},
    ],
}


def score(response, total: float, nodes: dict | None = None) -> ScoreCard:
    """Store a score card for a response as the scoring job would (no answers needed)."""
    nodes = nodes or {"P1": total, "P3": total}
    card = {
        "total": total,
        "band": "high" if total >= 0.6 else "low",
        "nodes": {code: {"code": code, "score": s, "weight": 1.0} for code, s in nodes.items()},
        "questions": {},
    }
    found, _ = ScoreCard.objects.update_or_create(
        response=response,
        questionnaire=response.questionnaire,
        defaults={"total": total, "band": card["band"], "card": card, "computed_at": timezone.now()},
    )
    return found


def scored_agency(cycle, total: float, *, status=ResponseStatus.ACCEPTED, **agency):
    response = ResponseFactory(cycle=cycle, agency=AgencyFactory(**agency), status=status)
    score(response, total)
    return response


@pytest.fixture
def awards(cycle):
    return awards_import(data=awards_data(TOTAL, PANEL))


@pytest.fixture
def top(awards):
    return awards.categories.get(code="top")


@pytest.fixture
def leaders(awards):
    return awards.categories.get(code="leaders")
