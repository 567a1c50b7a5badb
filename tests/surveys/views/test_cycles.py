"""The cycle page (targets by kind, as the seed document counts them) and the questionnaire page."""

from django.urls import reverse

from agencies.models import AgencyKind
from tests.factories import AgencyFactory


def count(body: str, key: str) -> int:
    marker = f'data-count="{key}">'
    start = body.index(marker) + len(marker)
    return int(body[start : body.index("<", start)])


def test_it_counts_targets_by_kind_with_regional_units_inside_department_level(client, dana, open_cycle):
    agencies = [AgencyFactory(kind=AgencyKind.DEPARTMENT) for _ in range(3)]
    agencies += [AgencyFactory(kind=AgencyKind.REGIONAL) for _ in range(2)]
    agencies += [AgencyFactory(kind=AgencyKind.PCIO) for _ in range(4)]
    cycle = open_cycle(agencies)
    client.force_login(dana)
    body = client.get(reverse("surveys:cycle", kwargs={"year": cycle.year})).content.decode()
    assert [count(body, k) for k in ("department_level", "regional", "pcio", "total")] == [5, 2, 4, 9]
    assert "27 เมษายน 2566" in body


def test_officers_cannot_open_the_cycle_page(client, alice, cycle):
    client.force_login(alice)
    assert client.get(reverse("surveys:cycle", kwargs={"year": cycle.year})).status_code == 403


def test_the_questionnaire_page_lists_every_question(client, alice, cycle):
    client.force_login(alice)
    body = client.get(
        reverse("surveys:questionnaire", kwargs={"code": cycle.questionnaire.code})
    ).content.decode()
    assert all(f'data-question="{code}"' in body for code in ("G.1", "P1.1", "P1.2", "P3.1"))
