"""Bilingual text: English for English readers when there is one, Thai otherwise, everywhere."""

import pytest
from django.utils import translation

from agencies.models import Agency
from awards.models import Category, Publication, PublishedEntry
from common.bilingual import Text, pick
from surveys.models import Questionnaire


def test_english_is_picked_for_english_readers():
    assert pick("กรม", "Department", "en") == "Department"


def test_thai_is_picked_for_thai_readers_and_when_no_language_is_active():
    assert pick("กรม", "Department", "th") == "กรม"
    assert pick("กรม", "Department", None) == "กรม"


def test_missing_english_falls_back_to_thai():
    assert pick("กรม", "", "en") == "กรม"
    assert Text("กรม").get("en") == "กรม"


@pytest.mark.parametrize(
    ("thing", "attribute"),
    [
        (Agency(name_th="กรม", name_en=""), "name"),
        (Category(title_th="กรม", title_en=""), "title"),
        (Category(description_th="กรม", description_en=""), "description"),
        (Publication(title_th="กรม", title_en=""), "title"),
        (PublishedEntry(agency_name_th="กรม", agency_name_en=""), "agency_name"),
        (Questionnaire(title_th="กรม", title_en=""), "title"),
    ],
)
def test_every_model_falls_back_to_thai_the_same_way(thing, attribute):
    with translation.override("en"):
        assert getattr(thing, attribute) == "กรม"


def test_models_show_english_to_english_readers():
    with translation.override("en"):
        assert Agency(name_th="กรม", name_en="Department").name == "Department"
        assert Questionnaire(title_th="แบบ", title_en="Survey").title == "Survey"
