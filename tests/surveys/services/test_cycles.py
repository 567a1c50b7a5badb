"""Cycles: opened with a response per target; deadlines extended by DGA only."""

import pytest
from django.utils import timezone

from surveys.domain.workflow import TransitionError
from surveys.models import CycleTarget
from surveys.services.cycles import cycle_open, cycle_target_extend
from tests.factories import AgencyFactory, ProvinceFactory, QuestionnaireFactory, small_definition


def test_only_dga_extends_a_deadline(response_a, alice):
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    with pytest.raises(TransitionError):
        cycle_target_extend(target=target, until=timezone.localdate(), by=alice)


def test_opening_a_cycle_creates_a_not_started_response_per_target(db):
    agencies = [AgencyFactory() for _ in range(3)]
    cycle = cycle_open(
        year=2566,
        questionnaire=QuestionnaireFactory(),
        opens_on="2023-04-27",
        closes_on="2023-06-30",
        agencies=agencies,
    )
    assert sorted(cycle.responses.values_list("status", flat=True)) == ["not_started"] * 3


def test_each_target_answers_the_questionnaire_of_its_group(db):
    department, pcio = (
        QuestionnaireFactory(),
        QuestionnaireFactory(definition=small_definition(code="pcio-test")),
    )
    agencies = [AgencyFactory(kind="department"), AgencyFactory(kind="pcio", province=ProvinceFactory())]
    cycle = cycle_open(
        year=2566, questionnaire=department, opens_on="2023-04-27", closes_on="2023-06-30",
        agencies=agencies, groups={"pcio": pcio},
    )  # fmt: skip
    assert dict(cycle.responses.values_list("agency__kind", "questionnaire__code")) == {
        "department": department.code,
        "pcio": "pcio-test",
    }
    assert cycle.questionnaires_by_group() == {
        "department": department, "regional": department, "pcio": pcio, "other": department,
    }  # fmt: skip


def test_opening_again_keeps_the_responses_already_given(db):
    agency = AgencyFactory(kind="pcio", province=ProvinceFactory())
    first = QuestionnaireFactory()
    cycle = cycle_open(
        year=2566, questionnaire=first, opens_on="2023-04-27", closes_on="2023-06-30", agencies=[agency]
    )
    later = QuestionnaireFactory(definition=small_definition(code="pcio-test"))
    cycle_open(
        year=2566, questionnaire=first, opens_on="2023-04-27", closes_on="2023-06-30", agencies=[agency],
        groups={"pcio": later},
    )  # fmt: skip
    assert list(cycle.responses.values_list("questionnaire__code", flat=True)) == [first.code]
    assert cycle.questionnaires_by_group()["pcio"] == later


def test_a_group_questionnaire_with_nothing_to_answer_is_refused_and_nothing_is_opened(db):
    empty = QuestionnaireFactory(definition=small_definition(code="empty-2566", pillars=[]))
    with pytest.raises(ValueError, match="'empty-2566' has no question to answer"):
        cycle_open(
            year=2566,
            questionnaire=QuestionnaireFactory(),
            opens_on="2023-04-27",
            closes_on="2023-06-30",
            agencies=[AgencyFactory(kind="pcio", province=ProvinceFactory())],
            groups={"pcio": empty},
        )
    assert not CycleTarget.objects.exists()
