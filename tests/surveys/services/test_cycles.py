"""Cycles: opened with a response per target; deadlines extended by DGA only."""

import pytest
from django.utils import timezone

from surveys.domain.workflow import TransitionError
from surveys.models import CycleTarget
from surveys.services.cycles import cycle_open, cycle_target_extend
from tests.factories import AgencyFactory, QuestionnaireFactory


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
