"""Fixtures shared by the surveys tests: responses in the states the tests start from."""

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Response, ResponseStatus, ScoreState
from surveys.services import scoring
from surveys.services.cycles import cycle_open
from tests.factories import (
    CycleFactory,
    QuestionnaireFactory,
    ResponseFactory,
    ScoreCardFactory,
    answers_create,
    small_definition,
)

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def strict_response(agency_a, alice):
    """Agency A's response to a questionnaire whose P1.1 is required."""
    data = small_definition(code="strict-2566")
    data["pillars"][1]["questions"][0]["required"] = True
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=data))
    return ResponseFactory(cycle=cycle, agency=agency_a)


@pytest.fixture
def previous_cycle(db):
    """The 2565 cycle, a year before the small questionnaire's."""
    definition = small_definition(code="small-2565", year=2565)
    return CycleFactory(year=2565, questionnaire=QuestionnaireFactory(definition=definition))


@pytest.fixture
def last_year(previous_cycle, agency_a, alice):
    """Agency A's answers of the previous cycle."""
    answers = {"P1.1": "approved", "P1.2": "yes", "P3.1": 12}
    return ResponseFactory(cycle=previous_cycle, agency=agency_a, answers=answers)


@pytest.fixture
def benchmarked(response_a, response_b, previous_cycle, agency_a):
    """Agency A's accepted and scored response beside agency B's and agency A's of the previous cycle."""
    Response.objects.filter(pk__in=[response_a.pk, response_b.pk]).update(status="accepted")
    ScoreCardFactory(response=response_a, total=0.6, pillars={"P1": 0.8, "P3": 0.4})
    ScoreCardFactory(response=response_b, total=0.2, pillars={"P1": 0.2, "P3": 0.2})
    earlier = ResponseFactory(cycle=previous_cycle, agency=agency_a, status="accepted")
    ScoreCardFactory(response=earlier, total=0.5, pillars={"P1": 0.5, "P3": 0.5})
    return response_a


@pytest.fixture
def answered(response_a):
    """Agency A's submitted response, scored, with a formula in a text answer and a negative number."""
    response_a.status = "submitted"
    response_a.save()
    answers_create(response_a, {"G.1": HYPERLINK, "P1.1": "approved", "P3.1": -3})
    ScoreCardFactory(response=response_a, total=0.5, pillars={"P1": 1.0, "P3": 0.0, "G": None})
    return response_a


@pytest.fixture
def score_pending(db):
    """Store answers on a response and mark it submitted, its scoring requested but not yet run."""

    def _score_pending(response, answers=None, *, requested_at=None):
        answers_create(response, answers or {})
        Response.objects.filter(pk=response.pk).update(
            status=ResponseStatus.SUBMITTED,
            score_state=ScoreState.PENDING,
            score_requested_at=requested_at or timezone.now(),
        )
        return response

    return _score_pending


@pytest.fixture
def scored(score_pending):
    """Submit a response with these answers and score it now; returns the score card."""

    def _scored(response, answers):
        score_pending(response, answers)
        return scoring.response_score(response_id=response.pk)

    return _scored


@pytest.fixture
def scored_a(scored, response_a):
    scored(response_a, {"P1.1": "draft", "P1.2": "yes", "P3.1": 7})
    return response_a


@pytest.fixture
def open_cycle(db):
    """Open the 2566 cycle of the small questionnaire for these agencies."""

    def _open_cycle(agencies):
        return cycle_open(
            year=2566,
            questionnaire=QuestionnaireFactory(),
            opens_on="2023-04-27",
            closes_on="2023-06-30",
            agencies=agencies,
        )

    return _open_cycle


@pytest.fixture
def post_answers(client):
    """Post answers one at a time, as the pillar page's forms do without JavaScript."""

    def _post_answers(response, **values):
        for code, value in values.items():
            question = code.replace("_", ".")
            path = reverse(
                "surveys:autosave", kwargs={"public_id": response.public_id, "question_code": question}
            )
            client.post(path, {question: value})

    return _post_answers
