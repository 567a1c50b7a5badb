"""Competition ranks on rounded scores, ties at the cut-off, eligibility."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from awards.ranking import Candidate, rank


def test_equal_rounded_scores_share_a_rank_and_the_next_rank_skips():
    entries = rank(
        [Candidate("a", 0.91), Candidate("b", 0.8049), Candidate("c", 0.8041), Candidate("d", 0.7)],
        precision=2,
        winners=10,
    )
    assert [(e.agency, e.rank) for e in entries] == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_every_tie_at_the_winners_cut_off_wins():
    entries = rank(
        [Candidate("a", 0.9), Candidate("b", 0.8), Candidate("c", 0.8), Candidate("d", 0.7)],
        precision=2,
        winners=2,
    )
    assert [e.agency for e in entries if e.winner] == ["a", "b", "c"]


def test_rounding_is_half_up_at_the_category_precision():
    (entry,) = rank([Candidate("a", 0.125)], precision=2, winners=1)
    assert entry.score == Decimal("0.13")


def test_ineligible_candidates_are_unranked_with_their_reasons():
    entries = rank([Candidate("a", 0.5, ("kind",)), Candidate("b", None)], precision=2, winners=1)
    assert [(e.agency, e.rank, e.reasons) for e in entries] == [
        ("a", None, ("kind",)),
        ("b", None, ("no_score",)),
    ]


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=40))
def test_a_rank_is_one_plus_the_number_of_strictly_better_scores(scores):
    entries = rank([Candidate(f"a{i}", s) for i, s in enumerate(scores)], precision=3, winners=5)
    for entry in entries:
        assert entry.rank == 1 + sum(other.score > entry.score for other in entries)
