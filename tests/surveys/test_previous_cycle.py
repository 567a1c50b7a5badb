"""Last cycle beside this one: last year's answers shown, and copied into empty questions."""

import pytest
from django.urls import reverse

from surveys.services.answers import answers_copy_previous, answers_save
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, small_definition


@pytest.fixture
def last_year(agency_a, alice):
    data = small_definition()
    data["code"], data["year"] = "small-2565", 2565
    cycle = CycleFactory(year=2565, questionnaire=QuestionnaireFactory(definition=data))
    response = ResponseFactory(cycle=cycle, agency=agency_a)
    for code, value in {"P1.1": "approved", "P1.2": "yes", "P3.1": 12}.items():
        response.answers.create(question_code=code, value=value)
    return response


def test_each_question_shows_last_years_answer(client, alice, response_a, last_year):
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert body.count("data-previous") == 2
    assert "อนุมัติแล้ว" in body


def test_copy_fills_only_empty_questions(alice, response_a, last_year):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert answers_copy_previous(response=response_a, by=alice) == 2
    values = dict(response_a.answers.values_list("question_code", "value"))
    assert values == {"P1.1": "draft", "P1.2": "yes", "P3.1": 12}


def test_another_agencys_last_year_is_never_shown(client, charlie, response_b, last_year):
    client.force_login(charlie)
    body = client.get(reverse("surveys:pillar", args=[response_b.public_id, "P1"])).content.decode()
    assert "data-previous" not in body


def test_the_copy_button_posts_and_reports(client, alice, response_a, last_year):
    client.force_login(alice)
    page = client.post(reverse("surveys:copy_previous", args=[response_a.public_id, "P1"]), follow=True)
    assert response_a.answers.count() == 3
    assert 'role="status"' in page.content.decode()
