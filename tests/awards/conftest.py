"""Award fixtures: an award file over the small questionnaire, and agencies with score cards."""

import pytest
from django.utils import timezone

from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.models import ResponseStatus, ScoreCard
from tests.factories import AgencyFactory, MinistryFactory, ResponseFactory, UserFactory


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


@pytest.fixture
def field(cycle):
    return {
        "best": scored_agency(cycle, 0.9),
        "tied1": scored_agency(cycle, 0.801),
        "tied2": scored_agency(cycle, 0.799),
        "last": scored_agency(cycle, 0.5),
        "submitted": scored_agency(cycle, 0.95, status=ResponseStatus.SUBMITTED),
        "pcio": scored_agency(cycle, 0.99, kind="pcio"),
    }


@pytest.fixture
def ministry(db):
    return MinistryFactory(code="MOAC")


@pytest.fixture
def shortlisted(cycle, leaders, ministry):
    return scored_agency(cycle, 0.8, ministry=ministry).agency


@pytest.fixture
def frank(ministry):
    """An evaluator from the shortlisted agency's own ministry."""
    return UserFactory(full_name="Frank", is_evaluator=True, affiliation=ministry)


@pytest.fixture
def gina(db):
    return UserFactory(full_name="Gina", is_evaluator=True, affiliation=MinistryFactory(code="MOF"))


@pytest.fixture
def podium(cycle, awards):
    field = {
        "gold": scored_agency(cycle, 0.9),
        "silver": scored_agency(cycle, 0.8),
        "bronze": scored_agency(cycle, 0.7),
    }
    awards_rank(awards_id=awards.pk)
    return field


@pytest.fixture
def ranked(cycle, awards):
    field = {
        "gold": scored_agency(cycle, 0.9),
        "low": scored_agency(cycle, 0.6, status=ResponseStatus.SUBMITTED),
    }
    awards_rank(awards_id=awards.pk)
    return field
