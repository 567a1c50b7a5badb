"""Dashboard queries over a cycle whose target groups answer different questionnaires."""

import pytest

from agencies.models import AgencyKind
from surveys.models import ResponseStatus
from surveys.selectors.dashboard import dashboard_rows, pillar_averages
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    ProvinceFactory,
    QuestionnaireFactory,
    ResponseFactory,
    ScoreCardFactory,
    small_definition,
)


@pytest.fixture
def two_groups(db):
    """A department scored on the main questionnaire and a PCIO on its own, same pillar codes."""
    cycle = CycleFactory()
    pcio_questionnaire = QuestionnaireFactory(definition=small_definition(code="pcio-test"))
    department = ResponseFactory(cycle=cycle, agency=AgencyFactory(kind=AgencyKind.DEPARTMENT))
    pcio = ResponseFactory(
        cycle=cycle,
        agency=AgencyFactory(kind=AgencyKind.PCIO, province=ProvinceFactory()),
        questionnaire=pcio_questionnaire,
    )
    for response, total in ((department, 0.8), (pcio, 0.4)):
        response.status = ResponseStatus.ACCEPTED
        response.save()
        ScoreCardFactory(response=response, total=total, band="high", pillars={"P1": total, "P3": total})
    return cycle, department, pcio


def test_every_group_shows_the_scores_of_its_own_questionnaire(two_groups):
    cycle, _, _ = two_groups
    rows = {row.kind: row for row in dashboard_rows(cycle=cycle)}
    assert (rows["department"].total, rows["pcio"].total) == (0.8, 0.4)
    assert rows["pcio"].pillars["P1"] == 0.4


def test_the_national_pillar_figure_spans_every_group_and_the_group_figure_its_own(two_groups):
    cycle, _, pcio = two_groups
    national = pillar_averages(questionnaire=pcio.questionnaire, cycle=cycle)
    group = pillar_averages(questionnaire=pcio.questionnaire, kind=AgencyKind.PCIO)
    assert national["P1"] == pytest.approx(0.6)
    assert group["P1"] == pytest.approx(0.4)
