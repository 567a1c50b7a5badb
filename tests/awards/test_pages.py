"""Evaluator pages: who sees them, the ranking, why an agency stands where it does, exports."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from awards.services.ranking import awards_rank
from surveys.models import ResponseStatus
from surveys.services.answers import answers_save
from surveys.services.transitions import response_transition
from tests.awards.conftest import scored_agency


@pytest.fixture
def ranked(cycle, awards):
    field = {
        "gold": scored_agency(cycle, 0.9),
        "low": scored_agency(cycle, 0.6, status=ResponseStatus.SUBMITTED),
    }
    awards_rank(awards_id=awards.pk)
    return field


def url(name, top, *more):
    return reverse(f"awards:{name}", args=[top.awards.code, top.code, *more])


def test_officers_cannot_see_award_pages(client, alice, top, ranked):
    client.force_login(alice)
    assert client.get(reverse("awards:index")).status_code == 403
    assert client.get(url("ranking", top)).status_code == 403
    assert client.get(url("entry", top, ranked["gold"].agency.code)).status_code == 403
    assert client.get(url("export", top, "csv")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, top):
    assert client.get(url("ranking", top)).status_code == 302


def test_the_evaluator_sees_the_categories(client, erin, top, leaders):
    client.force_login(erin)
    body = client.get(reverse("awards:index")).content.decode()
    assert 'data-category="top"' in body and 'data-category="leaders"' in body


def test_the_ranking_shows_rank_score_eligibility_and_winner(client, erin, top, ranked):
    client.force_login(erin)
    body = client.get(url("ranking", top)).content.decode()
    gold, low = ranked["gold"].agency.code, ranked["low"].agency.code
    assert f'data-agency="{gold}" data-rank="1" data-winner' in body
    assert f'data-agency="{low}" data-rank=""' in body
    assert "90%" in body  # precision 2: whole percentages
    assert 'data-state="current"' in body


def test_the_agency_page_explains_an_ineligible_agency(client, erin, top, ranked):
    client.force_login(erin)
    body = client.get(url("entry", top, ranked["low"].agency.code)).content.decode()
    assert 'data-eligible="0"' in body
    assert "submitted" in body  # the status rule it failed
    assert reverse("surveys:response", args=[ranked["low"].public_id]) in body


def test_the_agency_page_shows_the_score_card_question_by_question(
    client, erin, alice, bob, dana, awards, top, response_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=response_a, values={"P1.1": "draft", "P1.2": "yes"}, by=alice)
        response_transition(response=response_a, action="request_approval", by=alice)
        response_transition(response=response_a, action="approve", by=bob)
        response_transition(response=response_a, action="start_review", by=dana)
        response_transition(response=response_a, action="accept", by=dana)
    awards_rank(awards_id=awards.pk)
    client.force_login(erin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(url("entry", top, response_a.agency.code)).content.decode()
    assert 'data-node="P1.1"' in body
    assert "Chose “Draft”: 1 of 2 points." in body  # the words of the agency's score card
    assert "Answered yes." in body
    assert "Not answered: counts as 0." in body  # P3.1


def test_an_agency_outside_the_ranking_is_not_found(client, erin, top, ranked, agency_b):
    client.force_login(erin)
    assert client.get(url("entry", top, agency_b.code)).status_code == 404


def test_a_stale_ranking_says_so(client, erin, top, ranked):
    from tests.awards.conftest import score

    score(ranked["gold"], 0.1)
    client.force_login(erin)
    assert "data-stale" in client.get(url("ranking", top)).content.decode()


def test_a_dga_admin_can_request_ranking_from_the_page(
    client, dana, awards, top, cycle, django_capture_on_commit_callbacks
):
    scored_agency(cycle, 0.7)
    client.force_login(dana)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:rank", args=[awards.code]))
    assert response.status_code == 302
    assert top.__class__.objects.get(pk=top.pk).ranking.entries.count() == 1  # the job ran on commit


def test_evaluators_cannot_publish(client, erin, top, ranked):
    client.force_login(erin)
    assert client.post(url("publish", top)).status_code == 403


def test_the_csv_export_has_the_contract_columns_and_neutralises_formulas(client, erin, top, ranked):
    agency = ranked["gold"].agency
    agency.code = "=HYPERLINK(1)"
    agency.save()
    client.force_login(erin)
    response = client.get(url("export", top, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["category", "rank", "agency", "score", "winner", "eligible", "reason"]
    assert rows[1][:6] == ["top", "1", "'=HYPERLINK(1)", "0.90", "yes", "yes"]
    assert rows[2][4:6] == ["no", "no"]


def test_the_xlsx_export_holds_the_same_rows(erin, top, ranked, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("export_rankings", "--awards", top.awards.code, "--format", "xlsx", "--output", out)
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["category", "rank", "agency", "score", "winner", "eligible", "reason"]
    assert values[1][:4] == ["top", 1, ranked["gold"].agency.code, 0.9]


def test_the_export_command_filters_one_category(top, leaders, ranked, capsys):
    call_command("export_rankings", "--awards", top.awards.code, "--category", "leaders")
    lines = capsys.readouterr().out.strip().splitlines()
    assert {line.split(",")[0] for line in lines[1:]} == {"leaders"}
