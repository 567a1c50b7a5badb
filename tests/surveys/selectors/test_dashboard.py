"""Dashboard queries over a cycle whose target groups answer different questionnaires."""

from datetime import date

import pytest

from agencies.models import AgencyKind, AgencyName
from surveys.models import ResponseStatus
from surveys.selectors.dashboard import agencies_behind, dashboard_scores, dashboard_tallies, pillar_averages
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    MinistryFactory,
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
    listed = {a.kind: a for a in agencies_behind(cycle=cycle)}
    assert (listed["department"].total, listed["pcio"].total) == (0.8, 0.4)
    scores = dashboard_scores(cycle=cycle, pillars=["P1"])
    assert scores.pillar_means["pcio"]["P1"] == pytest.approx(0.4)
    assert scores.pillar_means["all"]["P1"] == pytest.approx(0.6)


def test_a_card_of_an_earlier_questionnaire_version_counts_nowhere(two_groups):
    cycle, department, _ = two_groups
    older = QuestionnaireFactory(definition=small_definition(code="older"))
    ScoreCardFactory(response=department, questionnaire=older, total=0.1, band="low", pillars={"P1": 0.1})
    assert dashboard_scores(cycle=cycle, pillars=["P1"]).bands == {"high": 2}
    assert {a.total for a in agencies_behind(cycle=cycle, band="high")} == {0.8, 0.4}


def test_a_target_without_a_response_is_counted_as_not_started(two_groups):
    cycle, _, _ = two_groups
    silent = AgencyFactory(kind=AgencyKind.DEPARTMENT)
    cycle.targets.add(silent)
    tallies = {(t.kind, t.status): t.count for t in dashboard_tallies(cycle=cycle)}
    assert tallies == {
        ("department", "accepted"): 1,
        ("department", "not_started"): 1,
        ("pcio", "accepted"): 1,
    }
    assert [a.code for a in agencies_behind(cycle=cycle, measure="started", group="department")] == [
        a.code for a in agencies_behind(cycle=cycle, measure="responded", group="department")
    ]


def test_a_decile_lists_the_agencies_whose_total_it_counted(two_groups):
    cycle, _, _ = two_groups
    deciles = dashboard_scores(cycle=cycle, pillars=[]).deciles
    assert deciles[8] == deciles[4] == 1
    assert [a.total for a in agencies_behind(cycle=cycle, decile=8)] == [0.8]


def test_the_national_pillar_figure_spans_every_group_and_the_group_figure_its_own(two_groups):
    cycle, _, pcio = two_groups
    national = pillar_averages(questionnaire=pcio.questionnaire, cycle=cycle)
    group = pillar_averages(questionnaire=pcio.questionnaire, kind=AgencyKind.PCIO)
    assert national["P1"] == pytest.approx(0.6)
    assert group["P1"] == pytest.approx(0.4)


def test_the_scores_come_from_one_statement_and_leave_a_not_applicable_pillar_out(
    two_groups, django_assert_num_queries
):
    """P3 is not applicable to the department (its score is JSON null): it counts in neither
    mean, on SQLite (which reads a JSON null as the text 'null') as on PostgreSQL; a total of
    exactly 30% is in the 30–40% decile and 100% in the last."""
    cycle, department, pcio = two_groups
    department.score_cards.update(node_scores={"P1": 0.3, "P3": None}, total=0.3)
    pcio.score_cards.update(node_scores={"P1": 1.0, "P3": 0.5}, total=1.0)
    with django_assert_num_queries(1):
        scores = dashboard_scores(cycle=cycle, pillars=["P1", "P3", "P9"])
    assert scores.pillar_means["all"] == {"P1": pytest.approx(0.65), "P3": pytest.approx(0.5), "P9": None}
    assert scores.pillar_means["department"] == {"P1": pytest.approx(0.3), "P3": None, "P9": None}
    assert scores.deciles == [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert scores.bands == {"high": 2}


@pytest.fixture
def moved(db):
    """NHCO answered 2566 under the Ministry of Public Health and moved to the Prime Minister's
    Office in 2567 (the registry keeps the move as a former name with its ministry)."""
    moph, opm = MinistryFactory(code="MOPH"), MinistryFactory(code="OPM")
    cycle = CycleFactory(year=2566)
    nhco = AgencyFactory(code="NHCO", ministry=opm)
    AgencyName.objects.create(agency=nhco, name_th="สช.", ministry=moph, valid_until=date(2024, 3, 31))
    ResponseFactory(cycle=cycle, agency=nhco, status=ResponseStatus.SUBMITTED)
    return cycle


def test_the_dashboard_counts_an_agency_under_the_ministry_it_was_in_during_the_cycle(
    moved, django_assert_num_queries
):
    with django_assert_num_queries(1):
        tallies = dashboard_tallies(cycle=moved)
    assert [(t.ministry, t.status) for t in tallies] == [("MOPH", "submitted")]


def test_a_ministry_figure_lists_the_agencies_that_were_in_it_during_the_cycle(moved):
    assert [a.code for a in agencies_behind(cycle=moved, ministry="MOPH")] == ["NHCO"]
    assert list(agencies_behind(cycle=moved, ministry="OPM")) == []


def test_a_move_before_the_cycle_leaves_the_agency_under_its_new_ministry(moved):
    AgencyName.objects.filter(agency__code="NHCO").update(valid_until=date(2022, 9, 30))
    assert [t.ministry for t in dashboard_tallies(cycle=moved)] == ["OPM"]
    assert [a.code for a in agencies_behind(cycle=moved, ministry="OPM")] == ["NHCO"]
