"""The dashboard figures, without a database: rates from the database's tallies, deciles' bounds."""

import pytest

from surveys.domain import dashboard


def test_rates_count_each_measure_over_the_tallies():
    tallies = [
        dashboard.Tally("department", "M", "accepted", 3),
        dashboard.Tally("department", "M", "draft", 2),
        dashboard.Tally("department", "N", dashboard.NOT_STARTED, 5),
    ]
    assert dashboard.rates(tallies) == dashboard.Rates(
        targets=10, started=5, awaiting_approval=0, responded=3, accepted=3
    )


def test_a_group_without_responses_shows_no_pillar_mean():
    tallies = [dashboard.Tally("department", "M", "accepted", 1), dashboard.Tally("pcio", "M", "draft", 1)]
    scores = dashboard.Scores({"high": 1}, [0] * 8 + [1, 0], {"department": {"P1": 0.8}, "all": {"P1": 0.8}})
    board = dashboard.build(tallies, scores, pillars=["P1"], bands=["high", "low"])
    assert board.pillar_means == {"department": {"P1": 0.8}, "pcio": {"P1": None}, "all": {"P1": 0.8}}
    assert board.bands == {"high": 1, "low": 0}
    assert list(board.by_ministry) == ["M"]


@pytest.mark.parametrize("total", [0.0, 0.05, 0.3, 0.29999999999999993, 0.5, 0.9, 0.99, 1.0])
def test_a_total_lies_within_the_bounds_of_its_own_decile(total):
    low, high = dashboard.decile_bounds(dashboard.decile_of(total))
    assert low <= total and (high is None or total < high)
