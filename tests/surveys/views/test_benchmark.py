"""The agency's benchmark page: its pillars beside the averages and the previous cycle."""

from django.urls import reverse


def row(page: str, pillar: str) -> str:
    return page.split(f'data-pillar="{pillar}"', 1)[1].split("</tr>", 1)[0]


def test_the_benchmark_compares_with_the_averages_and_the_previous_cycle(client, erin, benchmarked):
    client.force_login(erin)
    page = client.get(reverse("surveys:benchmark", args=[benchmarked.public_id])).content.decode()
    p1 = row(page, "P1")
    assert '<td class="text-end" data-agency>80.00' in p1
    assert "data-national>50.00" in p1  # (0.8 + 0.2) / 2
    assert "data-previous>50.00" in p1
    assert "data-change>30.00" in p1
    assert 'id="benchmark-data"' in page and "js/benchmark.js" in page


def test_an_officer_sees_the_benchmark_once_scores_are_shown_to_agencies(client, alice, benchmarked):
    client.force_login(alice)
    url = reverse("surveys:benchmark", args=[benchmarked.public_id])
    assert client.get(url).status_code == 403
    benchmarked.cycle.scores_visible_to_agencies = True
    benchmarked.cycle.save()
    assert client.get(url).status_code == 200


def test_another_agency_cannot_open_the_benchmark(client, charlie, benchmarked):
    benchmarked.cycle.scores_visible_to_agencies = True
    benchmarked.cycle.save()
    client.force_login(charlie)
    assert client.get(reverse("surveys:benchmark", args=[benchmarked.public_id])).status_code == 404
