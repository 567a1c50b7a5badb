"""Percentages and Buddhist Era dates: one rule, whoever shows the number."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import translation

from awards.models import Category
from awards.reasons import describe
from awards.templatetags.awards import award_score, eligibility_text
from common import formats
from common.bilingual import Text
from surveys.domain.definition import Question
from surveys.domain.scoring import QuestionResult
from surveys.explain import explain
from surveys.templatetags.portal import percent

ONE_32ND = 1 / 32  # 3.125%: a half at the last digit shown


def test_pages_exports_and_explanations_round_one_32nd_alike():
    question = Question(code="Q1", type="yes_no", text=Text("ข้อ 1"))
    adjusted = QuestionResult("Q1", 0.5, 1, "adjusted", {"by": "DGA", "reason": "r", "was": ONE_32ND})
    with translation.override("en"):
        assert percent(ONE_32ND) == "3.13"
        assert "(was 3.13%)" in explain(question, adjusted, "en")
        assert "total 3.13%" in describe({"code": "min_total", "score": ONE_32ND, "min": 0.5})
        assert award_score(Decimal("0.03125"), Category(basis="total", precision=4)) == "3.13%"


def test_a_percentage_rounds_half_up_from_the_number_as_written():
    assert formats.percentage(0.145, 0) == Decimal("15")  # 0.145 * 100 is 14.4999… as a float
    assert formats.percentage(Decimal("0.03125")) == Decimal("3.13")
    assert formats.percentage(None) is None


def test_a_percentage_in_a_sentence_has_its_sign_or_a_dash():
    assert formats.percent_text(0.5) == "50.00%"
    assert formats.percent_text(None) == "—"


def test_a_trimmed_percentage_drops_trailing_zeros():
    assert formats.percent(0.5, trim=True) == "50"
    assert formats.percent(0.625, trim=True) == "62.5"


def test_a_threshold_of_an_award_category_reads_as_a_trimmed_percentage():
    category = Category(basis="total", eligibility={"min_total": 0.5, "min_pillars": {"P1": 0.625}})
    with translation.override("en"):
        assert "total at least 50%" in eligibility_text(category)
        assert "P1 at least 62.5%" in eligibility_text(category)


def test_the_buddhist_era_is_543_years_ahead():
    assert formats.be_year(2023) == 2566


def test_a_long_date_is_thai_in_thai_and_gregorian_with_the_be_year_in_english():
    assert formats.long_date(date(2023, 4, 27), "th") == "27 เมษายน 2566"
    assert formats.long_date(date(2023, 4, 27), "en") == "27 April 2023 (B.E. 2566)"
    assert formats.long_date(None, "th") == ""


def test_a_moment_reads_in_local_time_after_its_long_date():
    utc_evening = datetime(2023, 6, 30, 20, 5, tzinfo=ZoneInfo("UTC"))  # 03:05 next day in Bangkok
    assert formats.long_datetime(utc_evening, "th") == "1 กรกฎาคม 2566 เวลา 03:05 น."
    assert formats.long_datetime(utc_evening, "en") == "01 July 2023 (B.E. 2566), 03:05"
    assert formats.long_datetime(None, "th") == ""


def test_a_timestamp_in_an_export_is_local_time_in_the_buddhist_era():
    utc_evening = datetime(2023, 6, 30, 20, 0, tzinfo=ZoneInfo("UTC"))  # 03:00 next day in Bangkok
    assert formats.buddhist_datetime(utc_evening) == "2566-07-01 03:00"
    assert formats.buddhist_date("2023-06-30") == "2566-06-30"
