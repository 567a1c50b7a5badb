"""A questionnaire's own words for a required question left unanswered (`required_message`, an
XLSForm column) are what the validation summary says, in the reader's language."""

import pytest
from django.urls import reverse

from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, small_definition


@pytest.fixture
def worded_response(agency_a):
    data = small_definition(code="worded-2566")
    data["pillars"][1]["questions"][0] |= {
        "required": True,
        "required_message": {"th": "โปรดระบุสถานะของแผนดิจิทัล", "en": "Tell us where the digital plan stands"},
    }
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=data))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def test_the_summary_shows_the_questionnaires_own_message_for_an_unanswered_question(
    client, worded_response, alice
):
    client.force_login(alice)
    body = client.get(reverse("surveys:check", args=[worded_response.public_id])).content.decode()
    assert "โปรดระบุสถานะของแผนดิจิทัล" in body
    assert 'data-kind="unanswered"' in body


def test_the_summary_shows_the_message_in_english_to_an_english_reader(client, worded_response, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("surveys:check", args=[worded_response.public_id])).content.decode()
    assert "Tell us where the digital plan stands" in body
    assert "a required question is not answered" not in body


def test_without_a_message_the_summary_says_the_default_words(client, strict_response, alice):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("surveys:check", args=[strict_response.public_id])).content.decode()
    assert "a required question is not answered" in body
    assert "data-required-message" not in body
