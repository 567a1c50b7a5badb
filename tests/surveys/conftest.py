"""Fixtures shared by the surveys tests."""

import pytest

from surveys.models import Answer, Response, ScoreCard
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, small_definition


@pytest.fixture
def strict_response(agency_a, alice):
    data = small_definition()
    data["code"] = "strict-2566"
    data["pillars"][1]["questions"][0]["required"] = True
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=data))
    return ResponseFactory(cycle=cycle, agency=agency_a)


@pytest.fixture
def last_year(agency_a, alice):
    data = small_definition()
    data["code"], data["year"] = "small-2565", 2565
    cycle = CycleFactory(year=2565, questionnaire=QuestionnaireFactory(definition=data))
    response = ResponseFactory(cycle=cycle, agency=agency_a)
    for code, value in {"P1.1": "approved", "P1.2": "yes", "P3.1": 12}.items():
        response.answers.create(question_code=code, value=value)
    return response


def pillar_card(response, total, p1, p3):
    return ScoreCard.objects.create(
        response=response, questionnaire=response.questionnaire, total=total, band="low",
        card={"total": total, "band": "low", "questions": {}, "nodes": {
            "P1": {"code": "P1", "score": p1, "weight": 1}, "P3": {"code": "P3", "score": p3, "weight": 1},
        }},
    )  # fmt: skip


def named_definition(code: str) -> dict:
    definition = small_definition()
    definition["code"] = code
    definition["year"] = 2565
    return definition


@pytest.fixture
def benchmarked(response_a, response_b, agency_a):
    from tests.factories import CycleFactory

    Response.objects.filter(pk__in=[response_a.pk, response_b.pk]).update(status="accepted")
    pillar_card(response_a, 0.6, 0.8, 0.4)
    pillar_card(response_b, 0.2, 0.2, 0.2)
    earlier = CycleFactory(
        year=2565, questionnaire=QuestionnaireFactory(definition=named_definition("earlier-2565"))
    )
    pillar_card(ResponseFactory(cycle=earlier, agency=agency_a, status="accepted"), 0.5, 0.5, 0.5)
    return response_a


HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def answered(response_a):
    response_a.status = "submitted"
    response_a.save()
    Answer.objects.create(response=response_a, question_code="G.1", value=HYPERLINK)
    Answer.objects.create(response=response_a, question_code="P1.1", value="approved")
    Answer.objects.create(response=response_a, question_code="P3.1", value=-3)
    ScoreCard.objects.create(
        response=response_a, questionnaire=response_a.questionnaire, total=0.5, band="low",
        card={"nodes": {"P1": {"score": 1.0}, "P3": {"score": 0.0}, "G": {"score": None}}},
    )  # fmt: skip
    return response_a
