"""Pages of a cycle name an agency as it was named during that cycle (issue 17): the Department
of Environmental Quality Promotion became the Department of Climate Change and Environment on
18 Aug 2566 (agencies/data/agency-history.csv), so a 2565 page shows the old name and a 2566 page
the new one."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from agencies.models import AgencyName, MembershipRole
from agencies.selectors import names_as_of, names_date
from awards.models import Category, PublishedEntry
from awards.services.imports import awards_import
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank
from surveys.models import Cycle
from surveys.services.notifications import agency_facts
from tests.awards.conftest import TOTAL, awards_data, score
from tests.factories import AgencyFactory, MembershipFactory, ResponseFactory

OLD_TH, OLD_EN = "กรมส่งเสริมคุณภาพสิ่งแวดล้อม", "Department of Environmental Quality Promotion"
NEW_TH, NEW_EN = "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม", "Department of Climate Change and Environment"


@pytest.fixture
def renamed(db):
    agency = AgencyFactory(code="DEQP", name_th=NEW_TH, name_en=NEW_EN, abbr_th="สส.")
    AgencyName.objects.create(agency=agency, valid_until=date(2023, 8, 17), name_th=OLD_TH, name_en=OLD_EN)
    return agency


@pytest.fixture
def both_years(renamed, previous_cycle, cycle, dana):
    """DEQP's accepted, scored responses of 2565 and 2566."""
    Cycle.objects.filter(pk__in=[cycle.pk, previous_cycle.pk]).update(scores_visible_to_agencies=True)
    responses = {}
    for year, c in ((2565, previous_cycle), (2566, cycle)):
        responses[year] = ResponseFactory(cycle=c, agency=renamed, status="accepted")
        score(responses[year], 0.8)
    return responses


def _page(client, user, url, lang="th"):
    client.force_login(user)
    client.cookies["django_language"] = lang
    page = client.get(url)
    assert page.status_code == 200, url
    return page.content.decode()


def test_a_name_is_in_force_until_its_last_day():
    assert names_date(2565) == date(2022, 12, 31)
    assert names_date(2566) == date(2023, 12, 31)


def test_names_as_of_takes_the_former_name_up_to_its_last_day(renamed):
    other = AgencyFactory()
    pairs = [(renamed, date(2023, 8, 17)), (other, date(2023, 8, 17))]
    names_as_of(pairs)
    assert (renamed.name_then.name_th, other.name_then) == (OLD_TH, None)
    names_as_of([(renamed, date(2023, 8, 18))])
    assert renamed.name_then is None and renamed.name == NEW_TH


def test_naming_a_list_takes_one_query(renamed, django_assert_num_queries):
    agencies = [renamed, *AgencyFactory.create_batch(20)]
    with django_assert_num_queries(1):
        names_as_of((a, date(2022, 12, 31)) for a in agencies)
    with translation.override("en"):
        assert agencies[0].name == OLD_EN and agencies[1].name == agencies[1].name_en


RESPONSE_PAGES = ["surveys:response", "surveys:score_card", "surveys:benchmark", "surveys:full"]


@pytest.mark.parametrize("name", RESPONSE_PAGES)
def test_a_response_page_names_the_agency_of_its_cycle(client, both_years, dana, name):
    old = _page(client, dana, reverse(name, args=[both_years[2565].public_id]))
    new = _page(client, dana, reverse(name, args=[both_years[2566].public_id]))
    assert OLD_TH in old and NEW_TH not in old
    assert NEW_TH in new and OLD_TH not in new


def test_an_officer_sees_each_year_under_its_name(client, both_years, renamed):
    officer = MembershipFactory(agency=renamed, role=MembershipRole.OFFICER).user
    page = _page(client, officer, reverse("surveys:my_responses"), lang="en")
    assert OLD_EN in page and NEW_EN in page


def test_the_dashboard_agency_list_names_the_agency_of_its_cycle(client, both_years, dana):
    old = _page(client, dana, reverse("surveys:dashboard_agencies", args=[2565]))
    new = _page(client, dana, reverse("surveys:dashboard_agencies", args=[2566]))
    assert OLD_TH in old and NEW_TH not in old
    assert NEW_TH in new and OLD_TH not in new


def test_the_review_queue_names_the_agency_of_its_cycle(client, both_years, dana):
    old = _page(client, dana, reverse("surveys:review") + "?year=2565")
    new = _page(client, dana, reverse("surveys:review") + "?year=2566")
    assert OLD_TH in old and NEW_TH not in old
    assert NEW_TH in new and OLD_TH not in new


@pytest.fixture
def ranked_2565(both_years, previous_cycle):
    awards = awards_import(data=awards_data(TOTAL) | {"code": "awards-2565", "questionnaire": "small-2565"})
    awards_rank(awards_id=awards.pk)
    return awards


def test_a_ranking_of_an_earlier_year_names_the_agency_then(client, ranked_2565, erin):
    ranking = _page(client, erin, reverse("awards:ranking", args=["awards-2565", "top"]))
    entry = _page(client, erin, reverse("awards:entry", args=["awards-2565", "top", "DEQP"]))
    assert OLD_TH in ranking and NEW_TH not in ranking
    assert OLD_TH in entry and NEW_TH not in entry


def test_a_publication_keeps_the_name_of_its_year(ranked_2565, dana):
    category_publish(category=Category.objects.get(awards=ranked_2565, code="top"), by=dana)
    published = PublishedEntry.objects.get(agency_code="DEQP")
    assert (published.agency_name_th, published.agency_name_en) == (OLD_TH, OLD_EN)


def test_a_notification_of_an_earlier_cycle_names_the_agency_then(both_years):
    assert agency_facts(both_years[2565].agency, 2565)["agency"] == {"th": OLD_TH, "en": OLD_EN}
    assert agency_facts(both_years[2566].agency, 2566)["agency"] == {"th": NEW_TH, "en": NEW_EN}
