"""Panel awards: rubric sheets, the conflict-of-interest rule, the mean once closed."""

import pytest
from django.urls import reverse

from awards.models import PanelScore
from awards.services.errors import AwardsError
from awards.services.panels import panel_close, panel_score_save
from tests.awards.conftest import scored_agency


def save(category, agency, evaluator, vision=30, results=20):
    return panel_score_save(
        category=category, agency=agency, evaluator=evaluator, points={"vision": vision, "results": results}
    )


def test_an_evaluator_scores_a_shortlisted_agency(leaders, shortlisted, erin):
    sheet = save(leaders, shortlisted, erin, vision=60, results=20)
    assert sheet.score == pytest.approx(0.8)


def test_nobody_scores_an_agency_of_their_own_ministry(leaders, shortlisted, frank):
    with pytest.raises(AwardsError) as exc:
        save(leaders, shortlisted, frank)
    assert exc.value.code == "conflict"
    assert not PanelScore.objects.exists()


def test_an_agency_off_the_shortlist_cannot_be_scored(cycle, leaders, erin):
    outsider = scored_agency(cycle, 0.8, kind="regional").agency  # the category takes departments only
    with pytest.raises(AwardsError) as exc:
        save(leaders, outsider, erin)
    assert exc.value.code == "not_shortlisted"


def test_points_outside_a_criterion_are_refused(leaders, shortlisted, erin):
    with pytest.raises(AwardsError) as exc:
        save(leaders, shortlisted, erin, vision=61)
    assert exc.value.code == "points"


def test_officers_are_not_evaluators(leaders, shortlisted, alice):
    with pytest.raises(AwardsError) as exc:
        save(leaders, shortlisted, alice)
    assert exc.value.code == "forbidden"


def test_saving_again_updates_the_evaluators_one_sheet(leaders, shortlisted, erin):
    save(leaders, shortlisted, erin, vision=10)
    save(leaders, shortlisted, erin, vision=50)
    assert PanelScore.objects.get().points["vision"] == 50


def test_once_closed_the_panel_score_is_the_mean_of_those_who_scored(
    client, awards, leaders, shortlisted, erin, gina, dana, django_capture_on_commit_callbacks
):
    save(leaders, shortlisted, erin, vision=60, results=40)  # 1.0
    save(leaders, shortlisted, gina, vision=30, results=20)  # 0.5
    with django_capture_on_commit_callbacks(execute=True):  # closing ranks again on commit
        panel_close(category=leaders, by=dana)
    entry = leaders.ranking.entries.get(agency=shortlisted)
    assert entry.raw_score == pytest.approx(0.75)
    assert entry.rank == 1
    client.force_login(erin)
    body = client.get(reverse("awards:panel", args=[awards.code, leaders.code])).content.decode()
    assert 'data-mean="0.75"' in body


def test_a_closed_panel_takes_no_more_sheets(leaders, shortlisted, erin, dana):
    panel_close(category=leaders, by=dana)
    with pytest.raises(AwardsError) as exc:
        save(leaders, shortlisted, erin)
    assert exc.value.code == "closed"


def test_only_a_dga_admin_closes_a_panel(leaders, erin):
    with pytest.raises(AwardsError):
        panel_close(category=leaders, by=erin)
