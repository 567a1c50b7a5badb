"""Display filters: percentages round half up; dates in the Buddhist Era."""

from datetime import date

from django.utils import translation

from surveys.templatetags.portal import percent, thai_date


def test_percent_rounds_rather_than_truncates():
    assert percent(6 / 11) == "54.55"
    assert percent(0.12345, 3) == "12.345"
    assert percent(None) == ""


def test_a_thai_date_is_in_the_buddhist_era():
    with translation.override("th"):
        assert thai_date(date(2023, 4, 27)) == "27 เมษายน 2566"


def test_an_english_date_shows_the_buddhist_year_beside_it():
    with translation.override("en"):
        assert thai_date(date(2023, 4, 27)) == "27 April 2023 (B.E. 2566)"
