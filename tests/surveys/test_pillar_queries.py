"""The pillar page costs the same number of queries however many questions it holds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.services.answers import answers_save
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, wide_definition


def queries_for(client, user, agency, n):
    cycle = CycleFactory(
        year=2600 + n, questionnaire=QuestionnaireFactory(definition=wide_definition(n, f"w{n}"))
    )
    response = ResponseFactory(cycle=cycle, agency=agency)
    answers_save(response=response, values={f"W.{i}": "b" for i in (1, 4)}, by=user)
    client.force_login(user)
    path = reverse("surveys:pillar", args=[response.public_id, "W"])
    client.get(path)  # warm the definition cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_ten_and_sixty_questions_cost_the_same_queries(client, alice, agency_a):
    assert queries_for(client, alice, agency_a, 10) == queries_for(client, alice, agency_a, 60)
