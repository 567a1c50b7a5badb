"""The cycle dashboard: figures equal direct counts; every figure drills down."""

import itertools
import re

import pytest
from django.urls import reverse

from agencies.models import AgencyKind
from common import formats
from surveys.models import Response, ResponseStatus
from tests.factories import AgencyFactory, CycleFactory, ResponseFactory, ScoreCardFactory

RESPONDED = {"submitted", "under_review", "returned", "accepted"}


@pytest.fixture
def populated(db):
    """Two agencies of every kind in every status; scored cards for those that responded."""
    cycle = CycleFactory()
    kinds = [AgencyKind.DEPARTMENT, AgencyKind.REGIONAL, AgencyKind.PCIO, AgencyKind.OTHER]
    for n, (kind, status) in enumerate(itertools.product(kinds, ResponseStatus.values)):
        for copy in range(1 + n % 2):
            response = ResponseFactory(cycle=cycle, agency=AgencyFactory(kind=kind), status=status)
            if status in RESPONDED:
                total = ((n * 7 + copy * 3) % 10) / 10 + 0.05
                pillars = {"P1": total, "P3": total / 2}
                ScoreCardFactory(response=response, total=total, band="high", pillars=pillars)
    return cycle


def figure(body: str, key: str) -> str:
    match = re.search(rf'data-figure="{re.escape(key)}"[^>]*>([^<]*)<', body)
    assert match, f"no figure {key}"
    return match.group(1).strip()


def test_the_response_rates_equal_direct_counts_for_every_group(client, dana, populated):
    client.force_login(dana)
    body = client.get(reverse("surveys:dashboard", kwargs={"year": populated.year})).content.decode()
    for kind in AgencyKind.values:
        responses = Response.objects.filter(cycle=populated, agency__kind=kind)
        targets = responses.count()
        responded = responses.filter(status__in=RESPONDED).count()
        assert int(figure(body, f"{kind}-targets")) == targets
        assert int(figure(body, f"{kind}-responded")) == responded
        assert int(figure(body, f"{kind}-accepted")) == responses.filter(status="accepted").count()
        assert (
            int(figure(body, f"{kind}-awaiting_approval"))
            == responses.filter(status="awaiting_approval").count()
        )
        assert figure(body, f"{kind}-rate") == f"{100 * responded / targets:.2f}%"
    everyone = Response.objects.filter(cycle=populated)
    assert int(figure(body, "all-targets")) == everyone.count()
    assert int(figure(body, "all-started")) == everyone.exclude(status="not_started").count()


def test_a_figure_drills_down_to_exactly_the_agencies_it_counts(client, dana, populated):
    client.force_login(dana)
    url = reverse("surveys:dashboard_agencies", kwargs={"year": populated.year})
    body = client.get(url, {"measure": "responded", "group": "pcio"}).content.decode()
    expected = Response.objects.filter(cycle=populated, agency__kind="pcio", status__in=RESPONDED)
    listed = set(re.findall(r'data-agency="([^"]+)"', body))
    assert listed == {r.agency.code for r in expected}


def test_the_ministry_rows_add_up_to_the_targets(client, dana, populated):
    client.force_login(dana)
    body = client.get(reverse("surveys:dashboard", kwargs={"year": populated.year})).content.decode()
    per_ministry = re.findall(r'data-figure="ministry-[^"]*-targets"[^>]*>(\d+)<', body)
    assert sum(map(int, per_ministry)) == Response.objects.filter(cycle=populated).count()


def test_officers_cannot_see_the_dashboard(client, alice, cycle):
    client.force_login(alice)
    assert client.get(reverse("surveys:dashboard", kwargs={"year": cycle.year})).status_code == 403


def test_a_bad_drill_down_is_404(client, dana, cycle):
    client.force_login(dana)
    url = reverse("surveys:dashboard_agencies", kwargs={"year": cycle.year})
    assert client.get(url, {"measure": "everything"}).status_code == 404


def test_the_charts_draw_the_numbers_of_the_tables(client, dana, populated):
    client.force_login(dana)
    page = client.get(reverse("surveys:dashboard", kwargs={"year": populated.year}))
    body = page.content.decode()
    board = page.context["board"]

    def drawn(chart: str) -> list[float]:
        svg = re.search(rf'<svg class="bar-chart" id="chart-{chart}".*?</svg>', body, re.S).group(0)
        return [float(v) for v in re.findall(r'data-value="([^"]+)"', svg)]

    rates = [board.by_group[g].rate for g in board.by_group]
    assert drawn("rates") == [float(formats.percentage(r)) for r in rates if r is not None]
    assert drawn("deciles") == board.deciles
    assert drawn("bands") == [board.bands[b] for b in board.bands]
    assert "<script" not in body.split("</footer>")[0].split("<main")[1]  # drawn without a script
