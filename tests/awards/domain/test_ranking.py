"""Competition ranks on rounded scores, ties at the cut-off, reasons. Pure."""

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from awards.domain.ranking import NO_SCORE, Candidate, Reason, rank, round_score


def test_equal_rounded_scores_share_a_rank_and_the_next_rank_skips():
    entries = rank(
        [Candidate("a", 0.91), Candidate("b", 0.8049), Candidate("c", 0.8041), Candidate("d", 0.7)],
        precision=2,
        winners=10,
    )
    assert [(e.agency, e.rank) for e in entries] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_more_decimals_separate_what_fewer_decimals_tie():
    entries = rank([Candidate("b", 0.8049), Candidate("c", 0.8041)], precision=4, winners=1)
    assert [(e.agency, e.rank, e.winner) for e in entries] == [("b", 1, True), ("c", 2, False)]


def test_every_tie_at_the_winners_cut_off_wins():
    entries = rank(
        [Candidate("a", 0.9), Candidate("b", 0.8), Candidate("c", 0.8), Candidate("d", 0.7)],
        precision=2,
        winners=2,
    )
    assert [e.agency for e in entries if e.winner] == ["a", "b", "c"]


def test_a_tie_just_below_the_cut_off_does_not_win():
    entries = rank(
        [Candidate("a", 0.9), Candidate("b", 0.9), Candidate("c", 0.8), Candidate("d", 0.8)],
        precision=2,
        winners=2,
    )
    assert [e.agency for e in entries if e.winner] == ["a", "b"]


def test_rounding_is_half_up_at_the_category_precision():
    (entry,) = rank([Candidate("a", 0.125)], precision=2, winners=1)
    assert entry.score == Decimal("0.13")


def test_negative_improvements_round_away_from_zero_at_half():
    assert round_score(-0.125, 2) == Decimal("-0.13")


def test_ineligible_candidates_are_unranked_with_their_reasons():
    kind = Reason("kind", {"kind": "pcio"})
    entries = rank([Candidate("a", 0.5, (kind,)), Candidate("b", None)], precision=2, winners=1)
    assert [(e.agency, e.rank, e.winner, e.reasons) for e in entries] == [
        ("a", None, False, (kind,)),
        ("b", None, False, (NO_SCORE,)),
    ]


scores = st.lists(st.floats(min_value=-1, max_value=1), min_size=1, max_size=40)


@given(scores, st.integers(min_value=0, max_value=6))
def test_a_rank_is_one_plus_the_number_of_strictly_better_rounded_scores(values, precision):
    entries = rank([Candidate(f"a{i}", s) for i, s in enumerate(values)], precision=precision, winners=5)
    for entry in entries:
        assert entry.rank == 1 + sum(other.score > entry.score for other in entries)


@given(scores, st.integers(min_value=1, max_value=10))
def test_winners_are_exactly_those_ranked_at_or_above_the_cut_off(values, winners):
    entries = rank([Candidate(f"a{i}", s) for i, s in enumerate(values)], precision=3, winners=winners)
    assert all(e.winner == (e.rank <= winners) for e in entries)
    assert sum(e.winner for e in entries) >= min(winners, len(entries))


@given(scores)
def test_entries_run_from_best_to_worst(values):
    entries = rank([Candidate(f"a{i}", s) for i, s in enumerate(values)], precision=2, winners=3)
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)


def test_zero_and_negative_zero_keep_their_own_rounded_scores():
    entries = rank([Candidate("a", 0.0), Candidate("b", -0.0), Candidate("c", 0.0)], precision=2, winners=1)
    assert [(e.agency, str(e.score), e.rank) for e in entries] == [
        ("a", "0.00", 1),
        ("b", "-0.00", 1),
        ("c", "0.00", 1),
    ]


def test_equal_scores_are_rounded_alike_and_ranked_by_agency():
    entries = rank([Candidate(c, 0.125) for c in "dbca"], precision=2, winners=1)
    assert [(e.agency, e.score, e.rank) for e in entries] == [(c, Decimal("0.13"), 1) for c in "abcd"]


def test_a_reason_as_json_is_its_dictionary_as_json():
    reason = Reason("min_pillar", {"pillar": "P3", "score": None, "min": 0.6, "name": "ก\\"})
    assert json.loads(reason.as_json) == reason.to_dict()
    assert reason.as_json == json.dumps(reason.to_dict())
