"""Reads for the respondent's and the benchmark pages: the previous cycle's score card."""

from surveys.models import Response
from surveys.selectors.responses import previous_score_card
from tests.factories import QuestionnaireFactory, ResponseFactory, ScoreCardFactory, small_definition


def test_results_imported_without_a_cycle_count_as_the_previous_cycle(benchmarked, agency_a):
    Response.objects.filter(cycle__year=2565).delete()
    imported = QuestionnaireFactory(definition=small_definition(code="results-2564", year=2564))
    response = ResponseFactory(cycle=None, questionnaire=imported, agency=agency_a, status="accepted")
    ScoreCardFactory(response=response, total=0.3, pillars={"P1": 0.3, "P3": 0.3})
    assert previous_score_card(response=benchmarked).questionnaire == imported
