"""Reads for the respondent's and the benchmark pages: the previous cycle's score card."""

from surveys.models import Response
from surveys.selectors.responses import previous_score_card
from tests.factories import QuestionnaireFactory, ResponseFactory
from tests.surveys.conftest import named_definition, pillar_card


def test_results_imported_without_a_cycle_count_as_the_previous_cycle(benchmarked, agency_a):

    Response.objects.filter(cycle__year=2565).delete()
    imported = QuestionnaireFactory(definition=named_definition("results-2564") | {"year": 2564})
    pillar_card(
        ResponseFactory(cycle=None, questionnaire=imported, agency=agency_a, status="accepted"), 0.3, 0.3, 0.3
    )
    assert previous_score_card(response=benchmarked).questionnaire == imported
