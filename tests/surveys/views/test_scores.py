"""The score card page and the rescoring page: who may see them and what they show."""

from datetime import date

import pytest
from django.urls import reverse

from surveys.models import ScoringJob


def card_url(response):
    return reverse("surveys:score_card", kwargs={"public_id": response.public_id})


def test_it_shows_an_admin_the_total_band_pillars_and_every_reason(client, dana, scored_a):
    client.force_login(dana)
    client.cookies["django_language"] = "en"
    body = client.get(card_url(scored_a), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # P1 = mean(1/2, 1) = 0.75; P3 = band 5 → 1/2; total = 0.625 → "high" (≥ 0.6)
    assert 'data-total="0.625"' in body
    assert 'data-band="high"' in body
    assert "75.00%" in body and "50.00%" in body
    assert 'data-question="P1.1"' in body and 'data-question="P3.1"' in body
    assert 'data-question="G.1"' in body  # not scored, still explained


def test_every_question_row_carries_a_reason_sentence(client, dana, scored_a):
    client.force_login(dana)
    page = client.get(card_url(scored_a))
    lines = page.context["lines"]
    questions = [q for p in lines for q in p.questions] + [
        q for p in lines for i in p.indicators for q in i.questions
    ]
    assert {q.code for q in questions} == {"G.1", "P1.1", "P1.2", "P3.1"}
    assert all(q.reason.strip() for q in questions)


def test_the_radar_compares_with_the_national_and_group_averages(client, dana, scored_a, scored, response_b):
    response_b.agency.kind = "regional"  # another group than agency A's (department)
    response_b.agency.save()
    scored(response_b, {"P1.1": "approved", "P1.2": "yes", "P3.1": 10})
    client.force_login(dana)
    page = client.get(card_url(scored_a))
    radar = page.context["radar"]
    p1 = next(r for r in radar["rows"] if r["code"] == "P1")
    assert (p1["agency"], p1["national"], p1["group"]) == (0.75, pytest.approx(0.875), pytest.approx(0.75))
    assert [r["code"] for r in radar["rows"]] == ["P1", "P3"]  # the weight-0 pillar is not compared
    assert 'id="radar-data"' in page.content.decode()
    assert "87.50" in page.content.decode()  # the national mean, in the table beside the chart


def test_an_evaluator_sees_a_submitted_response_s_card(client, erin, scored_a):
    client.force_login(erin)
    assert client.get(card_url(scored_a)).status_code == 200


def test_an_officer_sees_no_score_until_the_cycle_shows_scores(client, alice, scored_a):
    client.force_login(alice)
    page = client.get(card_url(scored_a))
    assert page.status_code == 200 and "card" not in page.context
    assert 'data-scores="not-released"' in page.content.decode()
    scored_a.cycle.scores_visible_to_agencies = True
    scored_a.cycle.save()
    assert 'data-total="0.625"' in client.get(card_url(scored_a)).content.decode()


def test_an_officer_is_told_when_dga_releases_scores(client, alice, scored_a):
    scored_a.cycle.scores_release_on = date(2023, 12, 15)
    scored_a.cycle.save()
    client.force_login(alice)
    body = client.get(card_url(scored_a)).content.decode()
    assert "15 ธันวาคม 2566" in body  # in the Buddhist Era, Thai month name
    assert "not allowed" not in body


def test_an_officer_is_told_the_date_is_not_known_yet(client, alice, scored_a):
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    body = client.get(card_url(scored_a), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the date will be announced" in body


def test_an_officer_of_another_agency_gets_404(client, charlie, scored_a):
    scored_a.cycle.scores_visible_to_agencies = True
    scored_a.cycle.save()
    client.force_login(charlie)
    assert client.get(card_url(scored_a)).status_code == 404


def test_the_card_page_requires_sign_in(client, scored_a):
    assert client.get(card_url(scored_a))["Location"].startswith(reverse("login"))


def test_an_unscored_response_says_its_score_is_pending(client, dana, response_a, score_pending):
    score_pending(response_a)
    client.force_login(dana)
    page = client.get(card_url(response_a))
    assert page.status_code == 200 and page.context["stored"] is None


def rescore_url(name, response):
    return reverse(f"surveys:{name}", kwargs={"code": response.questionnaire.code})


def test_only_a_dga_admin_may_rescore(client, alice, erin, scored_a):
    for user in (alice, erin):
        client.force_login(user)
        assert client.get(rescore_url("rescore", scored_a)).status_code == 403
        assert client.post(rescore_url("rescore_start", scored_a)).status_code == 403
        assert client.get(rescore_url("rescore_progress", scored_a)).status_code == 403
    assert not ScoringJob.objects.exists()


def test_an_admin_starts_a_rescore_and_sees_n_of_n(
    client, dana, scored_a, django_capture_on_commit_callbacks
):
    client.force_login(dana)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(rescore_url("rescore_start", scored_a)).status_code == 302
    waiting = client.get(rescore_url("rescore_progress", scored_a)).content.decode()
    assert 'data-done="0" data-total="1"' in waiting and "hx-trigger" in waiting
    for callback in callbacks:
        callback()
    done = client.get(rescore_url("rescore_progress", scored_a)).content.decode()
    assert 'data-done="1" data-total="1"' in done and "hx-trigger" not in done
