"""open_cycle: a questionnaire per target group (`--questionnaire GROUP=CODE`), or one for all."""

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Cycle, Response
from tests.factories import AgencyFactory, ProvinceFactory, QuestionnaireFactory, small_definition


def open_cycle(*questionnaires):
    flags = [f"--questionnaire={q}" for q in questionnaires]
    call_command("open_cycle", "--year=2566", *flags, "--opens=2023-04-27", "--closes=2023-06-30")


@pytest.fixture
def published(db):
    def _published(code):
        return QuestionnaireFactory(
            definition=small_definition(code=code),
        )

    return _published


def test_each_group_gets_the_questionnaire_named_for_it(published):
    published("dg-readiness-2566"), published("dg-pcio-2566")
    (
        AgencyFactory(code="ALRO", kind="department"),
        AgencyFactory(code="PCIO-50", kind="pcio", province=ProvinceFactory()),
    )
    open_cycle("department=dg-readiness-2566", "pcio=dg-pcio-2566")
    assert dict(Response.objects.values_list("agency__code", "questionnaire__code")) == {
        "ALRO": "dg-readiness-2566",
        "PCIO-50": "dg-pcio-2566",
    }
    assert Cycle.objects.get(year=2566).questionnaire.code == "dg-readiness-2566"


def test_a_bare_code_is_answered_by_every_group(published):
    published("dg-readiness-2566")
    AgencyFactory(kind="department"), AgencyFactory(kind="pcio", province=ProvinceFactory())
    open_cycle("dg-readiness-2566")
    assert set(Response.objects.values_list("questionnaire__code", flat=True)) == {"dg-readiness-2566"}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["ministry=dg-readiness-2566"], "Unknown group 'ministry'"),
        (["pcio=dg-none"], "No questionnaire with code 'dg-none'"),
        (["pcio=dg-readiness-2566", "pcio=dg-readiness-2566"], "Group 'pcio' is given twice"),
    ],
)
def test_a_bad_mapping_is_refused_and_nothing_is_opened(published, given, message):
    published("dg-readiness-2566")
    with pytest.raises(CommandError, match=message):
        open_cycle(*given)
    assert not Cycle.objects.exists()


def test_a_questionnaire_with_nothing_to_answer_cannot_open_a_cycle(db):
    QuestionnaireFactory(definition=small_definition(code="empty-2566", pillars=[]))
    AgencyFactory(kind="department")
    with pytest.raises(CommandError, match="'empty-2566' has no question to answer: it cannot open a cycle"):
        open_cycle("empty-2566")
    assert not Cycle.objects.exists()
