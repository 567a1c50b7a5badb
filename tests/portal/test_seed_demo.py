"""The demo year of `make setup`: built once over the shipped data (module fixture, rolled back)."""

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from agencies.models import Agency, AgencyKind, User
from agencies.selectors import agencies_search
from awards.models import Category, PanelScore, Publication, Ranking
from awards.selectors.panels import panel_shortlist
from readiness_portal.demo.answers import draw_answers
from readiness_portal.demo.pdf import evidence_pdf
from readiness_portal.demo.year import states_for
from surveys.domain import dashboard
from surveys.domain.definition_parser import load_file, parse_definition
from surveys.files.exports import scores_table
from surveys.models import (
    Cycle,
    Evidence,
    Questionnaire,
    Response,
    ResponseStatus,
    ReviewComment,
    ScoreAdjustment,
    ScoreCard,
)
from surveys.selectors.dashboard import dashboard_scores, dashboard_tallies

DATA = Path("agencies/data")


def _shipped_setup() -> None:
    """What `make data` runs, demo year included."""
    call_command(
        "import_agencies", DATA / "agencies.csv", ministries=DATA / "ministries.csv",
        provinces=DATA / "provinces.csv", history=DATA / "agency-history.csv",
    )  # fmt: skip
    for name in ("dg-readiness-2566", "dg-pcio-2566"):
        call_command("import_questionnaire", f"surveys/questionnaires/{name}.yaml", publish=True)
    call_command(
        "open_cycle", "--year=2566", "--questionnaire=department=dg-readiness-2566",
        "--questionnaire=regional=dg-readiness-2566", "--questionnaire=pcio=dg-pcio-2566",
        "--opens=2023-04-27", "--closes=2023-06-30",
    )  # fmt: skip
    call_command("import_awards", "awards/data/dg-awards-2566.yaml")
    call_command("import_awards", "awards/data/dg-awards-pcio-2566.yaml")
    call_command("seed_demo")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        _shipped_setup()
        yield Cycle.objects.get(year=2566)
        transaction.set_rollback(True)


def test_each_target_answers_the_questionnaire_of_its_group(demo, db):
    by_kind = Counter(Response.objects.filter(cycle=demo).values_list("agency__kind", "questionnaire__code"))
    assert by_kind == {("pcio", "dg-pcio-2566"): 76, ("department", "dg-readiness-2566"): 212}


def test_the_dashboard_shows_both_groups_with_non_zero_rates(demo, db):
    scores = dashboard_scores(cycle=demo, pillars=["P1"])
    board = dashboard.build(dashboard_tallies(cycle=demo), scores, pillars=["P1"], bands=["low"])
    assert board.by_group[AgencyKind.DEPARTMENT].rate > 0
    assert board.by_group[AgencyKind.PCIO].rate > 0


def test_the_department_award_ranks_only_department_level_agencies(demo, db):
    entries = Ranking.objects.get(category__code="dg-department").entries.filter(eligible=True)
    assert entries.count() >= 10
    assert set(entries.values_list("agency__kind", flat=True)) <= {"department", "regional"}


def test_every_band_has_agencies_in_each_group(demo, db):
    for code in ("dg-readiness-2566", "dg-pcio-2566"):
        bands = set(ScoreCard.objects.filter(questionnaire__code=code).values_list("band", flat=True))
        assert bands == {"very_high", "high", "medium", "low"}, code


def test_every_state_of_the_workflow_has_targets(demo, db):
    states = set(Response.objects.filter(cycle=demo).values_list("status", flat=True))
    assert states == set(ResponseStatus.values)


def test_the_improvement_category_ranks_agencies_against_2565(demo, db):
    ranking = Ranking.objects.get(category__code="outstanding-development")
    assert ranking.entries.filter(eligible=True).count() >= 5
    assert ScoreCard.objects.filter(questionnaire__code="dg-readiness-2565").count() > 200


def test_an_officer_sees_last_years_answers_on_a_pillar_page(demo, db, client):
    response = Response.objects.get(cycle=demo, agency__code="ALRO")
    client.force_login(User.objects.get(email="officer@example.com"))
    body = client.get(reverse("surveys:pillar", args=[response.public_id, "P1"])).content.decode()
    assert body.count("data-previous") >= 5


def test_review_work_evidence_and_awards_are_under_way(demo, db):
    assert ReviewComment.objects.filter(response__cycle=demo).exists()
    assert ScoreAdjustment.objects.filter(response__cycle=demo).exists()
    evidence = Evidence.objects.filter(response__cycle=demo).first()
    assert evidence.file.read(5) == b"%PDF-"
    panel = Category.objects.get(code="digital-leadership")
    scored = PanelScore.objects.filter(category=panel).values("agency").distinct().count()
    assert 0 < scored <= len(panel_shortlist(category=panel)) / 2
    assert list(Publication.objects.values_list("category__code", flat=True)) == ["dg-department"]


def test_the_2566_score_export_names_dcce_and_the_2565_one_deqp(demo, db):
    def name_in(code):
        table = scores_table(questionnaire=Questionnaire.objects.get(code=code))
        return {row[0]: row[2] for row in table.rows}["DEQP"]

    assert name_in("dg-readiness-2566") == "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม"
    assert name_in("dg-readiness-2565") == "กรมส่งเสริมคุณภาพสิ่งแวดล้อม"


def test_a_search_for_the_old_name_finds_dcce(demo, db):
    assert [a.code for a in agencies_search(query="กรมส่งเสริมคุณภาพสิ่งแวดล้อม")] == ["DEQP"]
    assert Agency.objects.get(code="NHCO").ministry.code == "OPM"
    assert Agency.objects.filter(abbr_th="สกร.").exists()


def test_running_it_again_changes_nothing(demo, db):
    before = (Response.objects.count(), ScoreCard.objects.count(), Evidence.objects.count())
    call_command("seed_demo")
    assert (Response.objects.count(), ScoreCard.objects.count(), Evidence.objects.count()) == before


@override_settings(DEMO_DATA_ALLOWED=False)
def test_it_refuses_to_run_under_the_production_settings(db):
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")


def test_the_production_settings_refuse_demo_data():
    text = Path("readiness_portal/settings/prod.py").read_text(encoding="utf-8")
    assert "DEMO_DATA_ALLOWED = False" in text


def test_the_same_seed_draws_the_same_year():
    definition = parse_definition(load_file(Path("surveys/questionnaires/dg-readiness-2566.yaml")))
    codes = [f"AG{n}" for n in range(100)]

    def draw(seed):
        rng = random.Random(seed)  # noqa: S311
        return states_for(codes, rng), draw_answers(definition, 0.5, rng, filled_on=date(2023, 5, 1))

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)


def test_demo_evidence_is_a_one_page_pdf():
    content = evidence_pdf("ALRO P1.1.1 2023")
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"/Count 1" in content and b"(Demo evidence: ALRO P1.1.1 2023)" in content
