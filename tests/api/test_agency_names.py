"""Agencies with their name history: every name (Thai, English, abbreviations) and ministry an
agency bore, each with the days it was in force, the current name last."""

from datetime import date

import pytest

from agencies.models import AgencyName
from tests.factories import AgencyFactory, MinistryFactory


@pytest.fixture
def renamed(db):
    """An agency renamed twice and moved to another ministry with the second rename."""
    agency = AgencyFactory(code="DGA", name_th="สำนักงานรัฐบาลอิเล็กทรอนิกส์", abbr_en="DGA")
    first = MinistryFactory(code="MICT")
    AgencyName.objects.create(
        agency=agency, name_th="ชื่อแรก", name_en="First name", ministry=first, valid_until=date(2015, 9, 30)
    )
    AgencyName.objects.create(
        agency=agency, name_th="ชื่อที่สอง", abbr_en="EGA", ministry=first, valid_until=date(2018, 5, 10)
    )
    return agency


def test_an_agency_lists_its_names_oldest_first_with_the_days_each_was_in_force(
    api, token_for, dana, renamed
):
    reply = api(token_for(dana, "read", "admin")).get("/agencies/DGA")
    assert reply.status_code == 200
    names = reply.json()["names"]
    assert [(n["name_th"], n["valid_from"], n["valid_until"]) for n in names] == [
        ("ชื่อแรก", None, "2015-09-30"),
        ("ชื่อที่สอง", "2015-10-01", "2018-05-10"),
        ("สำนักงานรัฐบาลอิเล็กทรอนิกส์", "2018-05-11", None),
    ]
    assert [n["ministry"] for n in names] == ["MICT", "MICT", renamed.ministry.code]
    assert names[1]["abbr_en"] == "EGA"


def test_an_agency_never_renamed_has_its_current_name_only(api, token_for, dana):
    agency = AgencyFactory()
    names = api(token_for(dana, "read", "admin")).get(f"/agencies/{agency.code}").json()["names"]
    assert [(n["name_th"], n["valid_from"], n["valid_until"]) for n in names] == [
        (agency.name_th, None, None)
    ]


def test_the_registry_list_carries_the_history_too(api, token_for, dana, renamed):
    results = api(token_for(dana, "read", "admin")).get("/agencies").json()["results"]
    (found,) = [a for a in results if a["code"] == "DGA"]
    assert len(found["names"]) == 3


def test_an_unknown_agency_is_404(api, token_for, dana):
    assert api(token_for(dana, "read", "admin")).get("/agencies/NOPE").status_code == 404


def test_an_officer_cannot_read_the_registry_of_agencies(api, token_for, alice, renamed):
    assert api(token_for(alice, "read")).get("/agencies/DGA").status_code == 403
