import pytest

from surveys.domain import charts


def series(values, name="Responses", colour="#000"):
    return charts.Series(name, colour, values, [str(v) for v in values])


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [(0, 1, 1), (3, 3, 1), (7, 8, 2), (10, 10, 5), (37, 40, 10), (260, 300, 100), (0.3, 0.3, 0.1)],
)
def test_the_value_axis_ends_on_a_round_figure_above_the_largest_value(largest, top, step):
    assert charts.nice_top(largest) == pytest.approx((top, step))


def test_a_bar_is_as_tall_as_its_share_of_the_axis_and_stands_on_the_baseline():
    chart = charts.bar_chart(["a", "b"], [series([50, 100])], top=100)
    half, full = chart.bars
    assert full.y + full.height == half.y + half.height == chart.baseline
    assert full.height == pytest.approx(2 * half.height)
    assert [t.label for t in chart.ticks] == ["0", "25", "50", "75", "100"]


def test_a_missing_value_draws_no_bar_and_each_bar_says_its_figure():
    chart = charts.bar_chart(["a", "b"], [series([None, 3])])
    assert [(b.value, b.title) for b in chart.bars] == [(3, "b: 3")]


def test_several_series_stand_side_by_side_with_a_legend():
    chart = charts.bar_chart(["P1"], [series([1], "All", "#111"), series([2], "Regional", "#222")])
    first, second = chart.bars
    assert second.x == pytest.approx(first.x + first.width)
    assert first.title == "All · P1: 1"
    assert chart.legend == [("All", "#111"), ("Regional", "#222")]


def test_a_label_longer_than_its_room_is_cut():
    chart = charts.bar_chart(["x" * 200, "short"], [series([1, 2])])
    assert chart.labels[0].text.endswith("…") and len(chart.labels[0].text) < 200
    assert chart.labels[1].text == "short"
