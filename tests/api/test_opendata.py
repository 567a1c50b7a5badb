"""Open data: the published award categories as CSV and JSON with no sign-in, and a DCAT catalogue
that validates against its schema and lists only what downloads and matches the public page."""

import csv
import io
import json
from pathlib import Path

import jsonschema_rs
import pytest
from django.test import Client
from django.urls import reverse

from awards.services.publication import category_publish
from tests.awards.conftest import awards, podium, top  # noqa: F401 (fixtures)

SCHEMA = json.loads((Path(__file__).parents[2] / "api" / "catalogue.schema.json").read_text())


@pytest.fixture
def published(top, podium, dana):  # noqa: F811
    return category_publish(category=top, by=dana)


def catalogue():
    reply = Client().get("/api/v1/open-data/catalogue.json")
    assert reply.status_code == 200
    return reply.json()


def award_datasets():
    """The award categories' datasets (a published award publishes its cycle's statistics too:
    tests/api/test_opendata_statistics.py)."""
    return [d for d in catalogue()["dcat:dataset"] if not d["dct:identifier"].endswith("-statistics")]


def test_the_catalogue_validates_against_its_schema(published):
    jsonschema_rs.validate(SCHEMA, catalogue())


def test_the_empty_catalogue_validates_too(db):
    document = catalogue()
    jsonschema_rs.validate(SCHEMA, document)
    assert document["dcat:dataset"] == []


def test_the_schema_refuses_a_dataset_without_english(published):
    document = catalogue()
    document["dcat:dataset"][0]["dct:title"] = [{"@value": "ไทย", "@language": "th"}]
    assert not jsonschema_rs.is_valid(SCHEMA, document)


def test_each_published_category_is_a_dataset_with_a_csv_and_a_json(published):
    (dataset,) = award_datasets()
    assert dataset["dct:identifier"] == f"{published.category.awards.code}-{published.category.code}"
    assert sorted(d["dct:format"] for d in dataset["dcat:distribution"]) == ["CSV", "JSON"]


def test_every_distribution_downloads_without_sign_in_and_matches_the_public_page(published, podium):  # noqa: F811
    page = Client().get(reverse("awards:results")).content.decode()
    winners = [podium["gold"].agency, podium["silver"].agency]
    assert all(f'data-agency="{a.code}"' in page and a.name_th in page for a in winners)
    for dataset in award_datasets():
        for distribution in dataset["dcat:distribution"]:
            reply = Client().get(distribution["dcat:downloadURL"]["@id"])
            assert reply.status_code == 200, distribution
            assert reply["Content-Type"].startswith(distribution["dcat:mediaType"])
            if distribution["dct:format"] == "CSV":
                rows = list(csv.DictReader(io.StringIO(reply.content.decode())))
            else:
                rows = reply.json()["winners"]
            got = [(str(r["rank"]), r["agency_code"], r["agency_name_th"]) for r in rows]
            assert got == [
                ("1", winners[0].code, winners[0].name_th),
                ("2", winners[1].code, winners[1].name_th),
            ]


def test_an_unpublished_category_is_not_open_data(top, podium):  # noqa: F811
    url = f"/api/v1/open-data/awards/{top.awards.code}/{top.code}/winners.csv"
    assert Client().get(url).status_code == 404
