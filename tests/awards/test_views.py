"""Award pages: who sees them, the ranking, why an agency stands where it does, panel sheets,
exports, and the public page of published winners."""

import csv
import io

from django.urls import reverse
from django.utils import translation

from awards.models import PanelScore, PublishedEntry
from awards.services.panels import panel_score_save
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank
from surveys.models import ResponseStatus
from surveys.services.transitions import response_transition
from tests.awards.conftest import score, scored_agency


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
    with translation.override("th"):
        assert str(ResponseStatus.SUBMITTED.label) in body  # the status rule it failed, in words
    assert reverse("surveys:response", args=[ranked["low"].public_id]) in body


def test_the_agency_page_shows_the_score_card_question_by_question(
    client, erin, alice, bob, dana, awards, top, response_a, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(response_a, {"P1.1": "draft", "P1.2": "yes"}, officer=alice, approver=bob)
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


def test_publishing_without_the_confirmation_publishes_nothing(client, dana, top, ranked):
    client.force_login(dana)
    page = client.post(url("publish", top), follow=True)
    assert not top.__class__.objects.get(pk=top.pk).publications.exists()
    assert "data-publish-form" in page.content.decode()


def test_publishing_with_the_confirmation_publishes(client, dana, top, ranked):
    client.force_login(dana)
    client.post(url("publish", top), {"confirm": "on"})
    assert top.__class__.objects.get(pk=top.pk).publications.exists()


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


def test_the_server_refuses_a_same_ministry_sheet_posted_directly(client, leaders, shortlisted, frank):
    client.force_login(frank)
    url = reverse("awards:panel_score", args=[leaders.awards.code, leaders.code, shortlisted.code])
    prefix = shortlisted.code
    response = client.post(url, {f"{prefix}-c_vision": "50", f"{prefix}-c_results": "40"})
    assert response.status_code == 403
    assert not PanelScore.objects.exists()


def test_the_panel_sheet_shows_the_conflict_instead_of_a_form(client, leaders, shortlisted, frank):
    client.force_login(frank)
    body = client.get(reverse("awards:panel", args=[leaders.awards.code, leaders.code])).content.decode()
    assert "data-conflict" in body
    assert (
        reverse("awards:panel_score", args=[leaders.awards.code, leaders.code, shortlisted.code]) not in body
    )


def test_evaluators_do_not_see_each_others_scores_while_the_panel_is_open(
    client, leaders, shortlisted, erin, gina
):
    panel_score_save(
        category=leaders, agency=shortlisted, evaluator=gina, points={"vision": 59, "results": 39}
    )  # 0.98: "98.00"
    client.force_login(erin)
    body = client.get(reverse("awards:panel", args=[leaders.awards.code, leaders.code])).content.decode()
    assert "98.00" not in body
    assert "data-mean" not in body


def test_the_open_panels_ranking_hides_its_scores(client, awards, leaders, shortlisted, erin, gina):
    panel_score_save(
        category=leaders, agency=shortlisted, evaluator=gina, points={"vision": 59, "results": 39}
    )
    awards_rank(awards_id=awards.pk)
    client.force_login(erin)
    body = client.get(reverse("awards:ranking", args=[awards.code, leaders.code])).content.decode()
    assert "98%" not in body
    assert "data-rank" not in body and "data-winner" not in body


def test_the_public_page_lists_winners_of_published_categories_only(client, top, podium, dana):
    category_publish(category=top, by=dana)
    body = client.get(reverse("awards:results")).content.decode()  # nobody signed in
    assert f'data-agency="{podium["gold"].agency.code}"' in body
    assert f'data-agency="{podium["silver"].agency.code}"' in body
    assert f'data-agency="{podium["bronze"].agency.code}"' not in body  # podium 3rd of 2 winners
    assert 'data-category="top"' in body
    assert 'data-category="leaders"' not in body  # not published


def test_the_public_page_shows_nothing_before_publication(client, podium):
    body = client.get(reverse("awards:results")).content.decode()
    assert "data-agency" not in body


def test_the_public_page_speaks_english_too(client, top, podium, dana):
    category_publish(category=top, by=dana)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("awards:results")).content.decode()
    assert "Highest total" in body
    assert podium["gold"].agency.name_en in body


def test_the_latest_publication_is_the_one_shown(client, awards, top, podium, dana):
    category_publish(category=top, by=dana)
    score(podium["bronze"], 0.95)
    awards_rank(awards_id=awards.pk)
    category_publish(category=top, by=dana)
    body = client.get(reverse("awards:results")).content.decode()
    assert f'data-agency="{podium["bronze"].agency.code}"' in body
    assert PublishedEntry.objects.filter(agency_code=podium["bronze"].agency.code, winner=True).count() == 1


def _agency_order(body: str) -> list[str]:
    import re

    return re.findall(r'data-agency="([^"]+)"', body)


def test_an_open_panel_lists_agencies_in_no_order_that_depends_on_scores(
    client, cycle, awards, leaders, erin, gina
):
    # survey totals and panel points both rank C before A before B; codes order A, B, C
    for code, total, vision in (("A-AGENCY", 0.8, 40), ("B-AGENCY", 0.7, 20), ("C-AGENCY", 0.9, 60)):
        agency = scored_agency(cycle, total, code=code).agency
        panel_score_save(
            category=leaders, agency=agency, evaluator=gina, points={"vision": vision, "results": 0}
        )
    awards_rank(awards_id=awards.pk)
    client.force_login(erin)
    for name in ("awards:ranking", "awards:panel"):
        body = client.get(reverse(name, args=[awards.code, leaders.code])).content.decode()
        assert _agency_order(body) == ["A-AGENCY", "B-AGENCY", "C-AGENCY"], name
