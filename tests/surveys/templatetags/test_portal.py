"""Display filters: percentages round half up; dates in the Buddhist Era."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from surveys.templatetags.portal import cycle_year, percent, thai_date, when


def test_percent_rounds_rather_than_truncates():
    assert percent(6 / 11) == "54.55"
    assert percent(0.12345, 3) == "12.345"
    assert percent(None) == ""


def test_a_thai_date_is_in_the_buddhist_era():
    with translation.override("th"):
        assert thai_date(date(2023, 4, 27)) == "27 เมษายน 2566"


def test_an_english_date_is_gregorian():
    with translation.override("en"):
        assert thai_date(date(2023, 4, 27)) == "27 April 2023"


def test_a_cycle_year_in_english_shows_its_buddhist_year_beside_it():
    with translation.override("en"):
        assert cycle_year(2566) == "2023 (B.E. 2566)"
    with translation.override("th"):
        assert cycle_year(2566) == "2566"


def test_a_timestamp_reads_in_the_pages_language():
    at = datetime(2023, 4, 27, 7, 5, tzinfo=ZoneInfo("Asia/Bangkok"))
    with translation.override("th"):
        assert when(at) == "27 เมษายน 2566 07:05"
    with translation.override("en"):
        assert when(at, True) == "27 April 2023 07:05:00"
