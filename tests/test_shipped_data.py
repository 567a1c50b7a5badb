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
PCIO_QUESTIONNAIRE = ROOT / "surveys" / "questionnaires" / "dg-pcio-2566.yaml"


@pytest.fixture
def registry(db):
    call_command(
        "import_agencies",
        DATA / "agencies.csv",
        ministries=DATA / "ministries.csv",
        provinces=DATA / "provinces.csv",
        history=DATA / "agency-history.csv",
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


def test_nhco_sits_under_the_prime_ministers_office(registry):
    assert Agency.objects.get(code="NHCO").ministry.code == "OPM"


def test_the_department_of_learning_promotion_replaced_the_non_formal_education_office(registry):
    dlp = Agency.objects.get(abbr_th="สกร.")
    assert (dlp.name_th, dlp.ministry.code, dlp.kind) == ("กรมส่งเสริมการเรียนรู้", "MOE", "department")
    (former,) = dlp.former_names.all()
    assert (former.abbr_th, str(former.valid_until)) == ("สำนักงาน กศน.", "2023-05-17")


def test_deqp_bears_the_climate_change_name_from_18_august_2566_and_keeps_the_old_one(registry):
    dcce = Agency.objects.get(code="DEQP")
    assert dcce.name_en == "Department of Climate Change and Environment"
    assert dcce.name_th == "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม"
    (former,) = dcce.former_names.all()
    assert (former.name_en, str(former.valid_until)) == (
        "Department of Environmental Quality Promotion",
        "2023-08-17",
    )


def test_no_public_university_is_listed(registry):
    assert not Agency.objects.filter(code="TNSU").exists()
    assert not Agency.objects.filter(name_th__startswith="มหาวิทยาลัย").exists()


def test_the_pcio_questionnaire_shares_the_six_scored_pillar_codes_and_the_bands():
    department = parse_definition(load_file(QUESTIONNAIRE))
    pcio = parse_definition(load_file(PCIO_QUESTIONNAIRE))
    assert [p.code for p in pcio.pillars if p.weight > 0] == [
        p.code for p in department.pillars if p.weight > 0
    ]
    assert [p.title.en for p in pcio.pillars] == [p.title.en for p in department.pillars]
    assert [b.code for b in pcio.bands] == [b.code for b in department.bands]


def test_the_pcio_questionnaire_is_scored_with_conditions_and_evidence_in_every_pillar():
    pcio = parse_definition(load_file(PCIO_QUESTIONNAIRE))
    scored = [q for q in pcio.iter_questions() if q.is_scored]
    assert set(Counter(q.type for q in scored)) == set(SCORED_TYPES)
    assert any(q.visible_if for q in scored)
    assert any(q.evidence == "required_for_points" for q in scored)
    for pillar in pcio.pillars[1:]:
        assert [q for q in _questions(pillar) if q.is_scored], pillar.code


def _questions(node):
    yield from node.questions
    for indicator in node.indicators:
        yield from _questions(indicator)
