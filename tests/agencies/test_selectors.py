"""Agency queries: a search finds an agency by any of its names; the names in force on a day."""

from datetime import date

from agencies.models import AgencyName
from agencies.selectors import agencies_search, cycle_end, former_names_on
from tests.factories import AgencyFactory


def renamed_agency():
    agency = AgencyFactory(code="DEQP", name_th="กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม")
    AgencyName.objects.create(
        agency=agency, name_th="กรมส่งเสริมคุณภาพสิ่งแวดล้อม", abbr_en="DEQP", valid_until=date(2023, 8, 17)
    )
    return agency


def test_a_search_for_a_former_name_finds_the_agency_once(db):
    agency = renamed_agency()
    AgencyName.objects.create(
        agency=agency, name_th="กรมส่งเสริมคุณภาพสิ่งแวดล้อม (เดิม)", valid_until=date(2002, 10, 2)
    )
    assert agencies_search(query="ส่งเสริมคุณภาพสิ่งแวดล้อม") == [agency]


def test_a_search_for_the_current_name_still_finds_it(db):
    agency = renamed_agency()
    assert agencies_search(query="เปลี่ยนแปลงสภาพภูมิอากาศ") == [agency]


def test_a_cycle_takes_the_names_in_force_at_the_end_of_its_buddhist_year(db):
    renamed_agency()
    assert cycle_end(2566) == date(2023, 12, 31)
    assert former_names_on(cycle_end(2565)) == {"DEQP": "กรมส่งเสริมคุณภาพสิ่งแวดล้อม"}
    assert former_names_on(cycle_end(2566)) == {}
