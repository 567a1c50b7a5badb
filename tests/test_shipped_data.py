"""The data the portal ships: the 2566 registry and questionnaire, loaded as `make setup` does."""

from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyKind, Province
from surveys.domain.definition import SCORED_TYPES
from surveys.domain.definition_parser import load_file, parse_definition

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "agencies" / "data"
QUESTIONNAIRE = ROOT / "surveys" / "questionnaires" / "dg-readiness-2566.yaml"


@pytest.fixture
def registry(db):
    call_command(
        "import_agencies",
        DATA / "agencies.csv",
        ministries=DATA / "ministries.csv",
        provinces=DATA / "provinces.csv",
    )


def test_alro_belongs_to_the_ministry_of_agriculture_and_cooperatives(registry):
    alro = Agency.objects.get(abbr_th="ส.ป.ก.")
    assert alro.name_th == "สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม"
    assert alro.ministry.name_th == "กระทรวงเกษตรและสหกรณ์"


def test_there_is_one_pcio_for_every_province_but_bangkok(registry):
    pcio = Agency.objects.filter(kind=AgencyKind.PCIO)
    assert pcio.count() == 76
    assert Province.objects.count() == 77
    assert not pcio.filter(province__code="TH-10").exists()
    assert pcio.values("province").distinct().count() == 76


def test_the_2566_questionnaire_validates_with_six_scored_pillars():
    definition = parse_definition(load_file(QUESTIONNAIRE))
    scored_pillars = [p.code for p in definition.pillars if p.weight > 0]
    assert scored_pillars == ["P1", "P2", "P3", "P4", "P5", "P6"]
    assert definition.pillars[0].weight == 0  # general information, not scored


def test_the_2566_questionnaire_uses_every_scored_type_in_60_or_more_questions():
    definition = parse_definition(load_file(QUESTIONNAIRE))
    scored = [q for q in definition.iter_questions() if q.is_scored]
    types = Counter(q.type for q in scored)
    assert len(scored) >= 60
    assert set(types) == set(SCORED_TYPES)
    assert any(q.visible_if for q in scored)
    assert any(q.evidence == "required_for_points" for q in scored)
    assert any(q.scoring and "bands" in q.scoring for q in scored)
