"""seed_demo gives the demo agencies time only when the cycle has closed: an open cycle keeps its
own close date, so its banners and reminders are the real ones."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies.models import AgencyKind
from surveys.models import CycleTarget
from tests.factories import AgencyFactory, CycleFactory


@pytest.fixture
def demo_targets(db):
    def _targets(closes_on):
        cycle = CycleFactory(opens_on=closes_on - timedelta(days=60), closes_on=closes_on)
        agencies = [
            AgencyFactory(code="ALRO"),
            AgencyFactory(code="RID"),
            AgencyFactory(code="PCIO-50", kind=AgencyKind.PCIO),
        ]
        for agency in agencies:
            CycleTarget.objects.create(cycle=cycle, agency=agency)
        call_command("seed_demo", "--users-only", stdout=io.StringIO())
        return set(CycleTarget.objects.values_list("deadline", flat=True))

    return _targets


def test_a_closed_cycle_stays_open_for_the_demo_agencies(demo_targets):
    assert demo_targets(timezone.localdate() - timedelta(days=10)) == {
        timezone.localdate() + timedelta(days=90)
    }


def test_an_open_cycle_keeps_its_close_date_for_the_demo_agencies(demo_targets):
    assert demo_targets(timezone.localdate() + timedelta(days=3)) == {None}
