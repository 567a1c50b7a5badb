"""Publication: a frozen snapshot; the public page lists winners of published categories only."""

import pytest
from django.urls import reverse

from awards.models import PublishedEntry
from awards.services.errors import AwardsError
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank, ranking_is_stale
from tests.awards.conftest import score, scored_agency


@pytest.fixture
def ranked(cycle, awards):
    field = {
        "gold": scored_agency(cycle, 0.9),
        "silver": scored_agency(cycle, 0.8),
        "bronze": scored_agency(cycle, 0.7),
    }
    awards_rank(awards_id=awards.pk)
    return field


def test_a_dga_admin_publishes_the_current_ranking(top, ranked, dana):
    publication = category_publish(category=top, by=dana)
    assert list(publication.entries.values_list("agency_code", "rank", "winner")) == [
        (ranked["gold"].agency.code, 1, True),
        (ranked["silver"].agency.code, 2, True),
        (ranked["bronze"].agency.code, 3, False),
    ]


def test_evaluators_do_not_publish(top, ranked, erin):
    with pytest.raises(AwardsError):
        category_publish(category=top, by=erin)


def test_a_stale_ranking_cannot_be_published(top, ranked, dana):
    score(ranked["bronze"], 0.95)
    with pytest.raises(AwardsError) as exc:
        category_publish(category=top, by=dana)
    assert exc.value.code == "stale"


def test_an_open_panel_cannot_be_published(leaders, ranked, dana):
    with pytest.raises(AwardsError) as exc:
        category_publish(category=leaders, by=dana)
    assert exc.value.code == "panel_open"


def test_a_rescore_after_publication_leaves_it_unchanged_and_marks_the_live_ranking_stale(
    client, awards, top, ranked, dana, erin
):
    publication = category_publish(category=top, by=dana)
    before = list(publication.entries.values_list("agency_code", "rank", "score", "winner"))
    score(ranked["bronze"], 0.95)  # a rescore: bronze would now come first
    assert list(publication.entries.values_list("agency_code", "rank", "score", "winner")) == before
    assert ranking_is_stale(category=top) is True
    client.force_login(erin)
    body = client.get(reverse("awards:ranking", args=[awards.code, top.code])).content.decode()
    assert 'data-state="stale"' in body
    public = client.get(reverse("awards:results")).content.decode()
    assert f'data-agency="{ranked["bronze"].agency.code}"' not in public


def test_ranking_again_after_publication_changes_only_the_live_ranking(top, awards, ranked, dana):
    publication = category_publish(category=top, by=dana)
    score(ranked["bronze"], 0.95)
    awards_rank(awards_id=awards.pk)
    assert top.ranking.entries.get(rank=1).agency == ranked["bronze"].agency
    assert publication.entries.get(rank=1).agency_code == ranked["gold"].agency.code


def test_the_public_page_lists_winners_of_published_categories_only(client, top, ranked, dana):
    category_publish(category=top, by=dana)
    body = client.get(reverse("awards:results")).content.decode()  # nobody signed in
    assert f'data-agency="{ranked["gold"].agency.code}"' in body
    assert f'data-agency="{ranked["silver"].agency.code}"' in body
    assert f'data-agency="{ranked["bronze"].agency.code}"' not in body  # ranked 3rd of 2 winners
    assert 'data-category="top"' in body
    assert 'data-category="leaders"' not in body  # not published


def test_the_public_page_shows_nothing_before_publication(client, ranked):
    body = client.get(reverse("awards:results")).content.decode()
    assert "data-agency" not in body


def test_the_public_page_speaks_english_too(client, top, ranked, dana):
    category_publish(category=top, by=dana)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("awards:results")).content.decode()
    assert "Highest total" in body
    assert ranked["gold"].agency.name_en in body


def test_the_latest_publication_is_the_one_shown(client, awards, top, ranked, dana):
    category_publish(category=top, by=dana)
    score(ranked["bronze"], 0.95)
    awards_rank(awards_id=awards.pk)
    category_publish(category=top, by=dana)
    body = client.get(reverse("awards:results")).content.decode()
    assert f'data-agency="{ranked["bronze"].agency.code}"' in body
    assert PublishedEntry.objects.filter(agency_code=ranked["bronze"].agency.code, winner=True).count() == 1
