"""A cycle's statistics as open data: published with the cycle's first award publication (404
before), listed in the catalogue with Thai and English words, downloadable without sign-in as CSV
and JSON, and the same figures as the cycle dashboard."""

import csv
import io
import json
from pathlib import Path

import jsonschema_rs
import pytest
from django.test import Client
from django.urls import reverse

from awards.services.publication import category_publish
from awards.services.ranking import awards_rank
from surveys.domain import dashboard
from surveys.models import ResponseStatus
from surveys.selectors.dashboard import dashboard_scores, dashboard_tallies
from tests.awards.conftest import awards, podium, scored_agency, top  # noqa: F401 (fixtures)
from tests.factories import AgencyFactory, ResponseFactory

SCHEMA = json.loads((Path(__file__).parents[2] / "api" / "catalogue.schema.json").read_text())


@pytest.fixture
def field(cycle, podium):  # noqa: F811
    """The podium (three accepted departments), a submitted PCIO, a target not started."""
    scored_agency(cycle, 0.4, status=ResponseStatus.SUBMITTED, kind="pcio")
    ResponseFactory(cycle=cycle, agency=AgencyFactory(), status=ResponseStatus.NOT_STARTED)
    return cycle


@pytest.fixture
def published(field, top, dana):  # noqa: F811
    awards_rank(awards_id=top.awards_id)  # the field changed since the podium was ranked
    category_publish(category=top, by=dana)
    return field


def json_url(cycle):
    return f"/api/v1/open-data/cycles/{cycle.year}/statistics.json"


def statistics_dataset():
    document = Client().get("/api/v1/open-data/catalogue.json").json()
    jsonschema_rs.validate(SCHEMA, document)
    return [d for d in document["dcat:dataset"] if d["dct:identifier"].endswith("-statistics")]


def test_before_any_award_of_the_cycle_is_published_its_statistics_are_404(field):
    assert Client().get(json_url(field)).status_code == 404
    assert Client().get(f"/api/v1/open-data/cycles/{field.year}/statistics.csv").status_code == 404
    assert statistics_dataset() == []


def test_an_unknown_cycle_is_404(db):
    assert Client().get("/api/v1/open-data/cycles/2400/statistics.json").status_code == 404


def test_the_catalogue_lists_the_statistics_in_thai_and_english_with_licence_and_dates(published):
    (dataset,) = statistics_dataset()
    assert dataset["dct:identifier"] == f"readiness-{published.year}-statistics"
    assert {t["@language"] for t in dataset["dct:title"]} == {"th", "en"}
    assert {t["@language"] for t in dataset["dct:description"]} == {"th", "en"}
    assert dataset["dct:license"]["@id"] and dataset["dct:publisher"]["foaf:name"]
    assert dataset["dct:issued"] <= dataset["dct:modified"]
    assert sorted(d["dct:format"] for d in dataset["dcat:distribution"]) == ["CSV", "JSON"]


def test_each_distribution_downloads_without_sign_in_in_its_media_type(published):
    (dataset,) = statistics_dataset()
    for distribution in dataset["dcat:distribution"]:
        reply = Client().get(distribution["dcat:downloadURL"]["@id"])
        assert reply.status_code == 200, distribution
        assert reply["Content-Type"].startswith(distribution["dcat:mediaType"])


def test_the_figures_are_the_dashboards(published):
    scores = dashboard_scores(cycle=published, pillars=["P1", "P3"])
    board = dashboard.build(
        dashboard_tallies(cycle=published), scores, pillars=["P1", "P3"], bands=["high", "low"]
    )
    groups = {g["group"]: g for g in Client().get(json_url(published)).json()["groups"]}
    assert list(groups) == ["all", "department", "pcio"]
    assert (groups["all"]["targets"], groups["all"]["responded"]) == (
        board.overall.targets,
        board.overall.responded,
    )
    assert groups["all"]["response_rate"] == board.overall.rate == 4 / 5
    assert groups["all"]["bands"] == board.bands == {"high": 3, "low": 1}
    assert groups["all"]["pillar_means"] == board.pillar_means["all"]
    for kind in ("department", "pcio"):
        assert groups[kind]["response_rate"] == board.by_group[kind].rate
        assert groups[kind]["pillar_means"] == board.pillar_means[kind]
    assert groups["all"]["mean_total"] == pytest.approx((0.9 + 0.8 + 0.7 + 0.4) / 4)


def test_the_figures_are_those_the_dashboard_page_shows(published, client, dana):
    client.force_login(dana)
    page = client.get(reverse("surveys:dashboard", args=[published.year])).content.decode()
    figures = Client().get(json_url(published)).json()["groups"][0]
    assert f'data-figure="band-high">{figures["bands"]["high"]}<' in page
    assert 'data-figure="mean-all-P1">70.00<' in page  # (0.9 + 0.8 + 0.7 + 0.4) / 4, as a percentage
    assert figures["pillar_means"]["P1"] == pytest.approx(0.7)


def test_the_csv_holds_the_json_figures_row_by_row(published):
    document = Client().get(json_url(published)).json()
    reply = Client().get(f"/api/v1/open-data/cycles/{published.year}/statistics.csv")
    rows = list(csv.DictReader(io.StringIO(reply.content.decode())))
    assert [r["group"] for r in rows] == [g["group"] for g in document["groups"]]
    for row, group in zip(rows, document["groups"], strict=True):
        assert int(row["targets"]) == group["targets"] and int(row["responded"]) == group["responded"]
        assert float(row["response_rate"]) == group["response_rate"]
        assert float(row["pillar_P1"]) == group["pillar_means"]["P1"]
        assert int(row["band_high"]) == group["bands"]["high"]
