"""Publication: a frozen snapshot, published by DGA only, of a current ranking."""

import pytest
from django.urls import reverse

from awards.services.errors import AwardsError
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank, ranking_is_stale
from tests.awards.conftest import score


def test_a_dga_admin_publishes_the_current_ranking(top, podium, dana):
    publication = category_publish(category=top, by=dana)
    assert list(publication.entries.values_list("agency_code", "rank", "winner")) == [
        (podium["gold"].agency.code, 1, True),
        (podium["silver"].agency.code, 2, True),
        (podium["bronze"].agency.code, 3, False),
    ]


def test_evaluators_do_not_publish(top, podium, erin):
    with pytest.raises(AwardsError):
        category_publish(category=top, by=erin)


def test_a_stale_ranking_cannot_be_published(top, podium, dana):
    score(podium["bronze"], 0.95)
    with pytest.raises(AwardsError) as exc:
        category_publish(category=top, by=dana)
    assert exc.value.code == "stale"


def test_an_open_panel_cannot_be_published(leaders, podium, dana):
    with pytest.raises(AwardsError) as exc:
        category_publish(category=leaders, by=dana)
    assert exc.value.code == "panel_open"


def test_a_rescore_after_publication_leaves_it_unchanged_and_marks_the_live_ranking_stale(
    client, awards, top, podium, dana, erin
):
    publication = category_publish(category=top, by=dana)
    before = list(publication.entries.values_list("agency_code", "rank", "score", "winner"))
    score(podium["bronze"], 0.95)  # a rescore: bronze would now come first
    assert list(publication.entries.values_list("agency_code", "rank", "score", "winner")) == before
    assert ranking_is_stale(category=top) is True
    client.force_login(erin)
    body = client.get(reverse("awards:ranking", args=[awards.code, top.code])).content.decode()
    assert 'data-state="stale"' in body
    public = client.get(reverse("awards:results")).content.decode()
    assert f'data-agency="{podium["bronze"].agency.code}"' not in public


def test_ranking_again_after_publication_changes_only_the_live_ranking(top, awards, podium, dana):
    publication = category_publish(category=top, by=dana)
    score(podium["bronze"], 0.95)
    awards_rank(awards_id=awards.pk)
    assert top.ranking.entries.get(rank=1).agency == podium["bronze"].agency
    assert publication.entries.get(rank=1).agency_code == podium["gold"].agency.code


def test_publishing_notifies_the_people_of_the_ranked_agencies(top, podium, dana):
    from agencies.models import MembershipRole
    from surveys.models import Notification
    from tests.factories import MembershipFactory

    officer = MembershipFactory(agency=podium["gold"].agency, role=MembershipRole.OFFICER).user
    category_publish(category=top, by=dana)
    item = Notification.objects.get(recipient=officer, kind="award_published")
    assert (item.params["category"]["th"], item.link) == (top.title_th, reverse("awards:results"))
