"""docs/contract.md#performance-budget: rank 2,000 agencies in 10 categories ≤ 2 s (PostgreSQL, 2 cores).

End to end through the service: facts read from score cards, ten categories ranked, 20,000
entries stored. Run with `make bench`.
"""

import random

import pytest

from agencies.models import Agency
from awards.models import RankingEntry
from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.models import Response, ResponseStatus, ScoreCard
from tests.factories import CycleFactory, MinistryFactory

AGENCIES = 2_000
BASES = [
    "total",
    "pillar:P1",
    "pillar:P3",
    "total",
    "pillar:P1",
    "total",
    "pillar:P3",
    "total",
    "total",
    "total",
]


def category(i: int, basis: str) -> dict:
    return {
        "code": f"c{i}",
        "title": {"th": f"หมวด {i}", "en": f"Category {i}"},
        "basis": basis,
        "eligible": {"kinds": ["department", "regional"], "min_total": 0.2 + i / 100},
        "precision": 2 + i % 3,
        "winners": 10,
    }


@pytest.fixture
def awards(django_db_blocker, django_db_setup):
    with django_db_blocker.unblock():
        rng = random.Random(2566)
        cycle = CycleFactory()
        ministry = MinistryFactory()
        agencies = Agency.objects.bulk_create(
            [Agency(code=f"B{i:04d}", name_th=f"หน่วยงาน {i}", ministry=ministry) for i in range(AGENCIES)]
        )
        responses = Response.objects.bulk_create(
            [
                Response(
                    agency=a, questionnaire=cycle.questionnaire, cycle=cycle, status=ResponseStatus.ACCEPTED
                )
                for a in agencies
            ]
        )
        cards = []
        for r in responses:
            p1, p3 = rng.random(), rng.random()
            nodes = {
                "P1": {"code": "P1", "score": p1, "weight": 1},
                "P3": {"code": "P3", "score": p3, "weight": 1},
            }
            total = (p1 + p3) / 2
            card = {"total": total, "band": "", "nodes": nodes, "questions": {}}
            cards.append(ScoreCard(response=r, questionnaire=cycle.questionnaire, total=total, card=card))
        ScoreCard.objects.bulk_create(cards, batch_size=1000)
        data = {"code": "bench", "questionnaire": cycle.questionnaire.code, "categories": []}
        data["categories"] = [category(i, b) for i, b in enumerate(BASES)]
        found = awards_import(data=data)
        yield found
        RankingEntry.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_rank_2000_agencies_in_10_categories(benchmark, awards):
    rankings = benchmark.pedantic(awards_rank, kwargs={"awards_id": awards.pk}, rounds=5, iterations=1)
    assert len(rankings) == 10
    assert RankingEntry.objects.count() == AGENCIES * 10
    assert benchmark.stats.stats.median < 2.0, f"median {benchmark.stats.stats.median:.2f}s, budget 2 s"
