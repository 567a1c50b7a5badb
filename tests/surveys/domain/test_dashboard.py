"""The dashboard figures, without a database: means, bands and deciles of the responded agencies."""

from surveys.domain import dashboard


def test_pillar_means_count_only_responded_agencies():
    rows = [
        dashboard.Row("A", "department", "M", "accepted", 0.8, "high", {"P1": 0.8}),
        dashboard.Row("B", "department", "M", "draft", None, None, {"P1": 0.1}),
        dashboard.Row("C", "pcio", "M", "submitted", 0.4, "low", {"P1": None}),
    ]
    board = dashboard.build(rows, pillars=["P1"], bands=["high", "low"])
    assert board.pillar_means["department"]["P1"] == 0.8
    assert board.pillar_means["pcio"]["P1"] is None
    assert board.bands == {"high": 1, "low": 1}
    assert board.deciles[8] == 1 and board.deciles[4] == 1
