"""The rank job: every category ranked and stored with reasons; stale once scores change."""

import gc
from decimal import Decimal

import pytest

from awards.domain.candidates import Ranked, rank_category
from awards.domain.ranking import NO_SCORE, Entry, Reason
from awards.files.rankings import ranking_rows
from awards.models import Ranking, RankingEntry
from awards.selectors import rankings
from awards.services import ranking as ranking_service
from awards.services.ranking import _insert_entries, _Lines, _rows, awards_rank, ranking_is_stale
from surveys.models import ResponseStatus
from tests.awards.conftest import score
from tests.factories import ProvinceFactory


def entries(category):
    return {
        e.agency.code: e
        for e in RankingEntry.objects.filter(ranking__category=category).select_related("agency")
    }


def test_entries_carry_competition_ranks_winners_and_reasons(awards, top, field):
    awards_rank(awards_id=awards.pk)
    found = entries(top)
    by = {k: found[v.agency.code] for k, v in field.items() if v.agency.code in found}
    assert [(by[k].rank, by[k].winner) for k in ("best", "tied1", "tied2", "last")] == [
        (1, True),
        (2, True),
        (2, True),
        (4, False),
    ]
    assert by["submitted"].eligible is False
    assert by["submitted"].reasons == [{"code": "status", "status": "submitted", "allowed": ["accepted"]}]
    assert "pcio" not in by


def test_a_fresh_ranking_is_not_stale(awards, top, field):
    awards_rank(awards_id=awards.pk)
    assert ranking_is_stale(category=top) is False


def test_a_rescore_makes_the_ranking_stale(awards, top, field):
    awards_rank(awards_id=awards.pk)
    score(field["last"], 0.95)
    assert ranking_is_stale(category=top) is True


def test_a_status_change_makes_the_ranking_stale(awards, top, field):
    awards_rank(awards_id=awards.pk)
    response = field["submitted"]
    response.status = ResponseStatus.ACCEPTED
    response.save()
    assert ranking_is_stale(category=top) is True


def test_ranking_again_replaces_the_entries(awards, top, field):
    awards_rank(awards_id=awards.pk)
    score(field["last"], 0.95)
    awards_rank(awards_id=awards.pk)
    assert entries(top)[field["last"].agency.code].rank == 1
    assert ranking_is_stale(category=top) is False


def test_a_change_of_an_agencys_kind_makes_the_ranking_stale(awards, top, field):
    awards_rank(awards_id=awards.pk)
    agency = field["last"].agency
    agency.kind = "pcio" if agency.kind != "pcio" else "department"
    agency.province = agency.province or ProvinceFactory()
    agency.save()
    assert ranking_is_stale(category=top) is True


def test_ranking_again_leaves_one_ranking_per_category_and_only_its_entries(awards, top, field):
    awards_rank(awards_id=awards.pk)
    first = RankingEntry.objects.filter(ranking__category=top).count()
    awards_rank(awards_id=awards.pk)
    assert Ranking.objects.filter(category=top).count() == 1
    assert RankingEntry.objects.filter(ranking__category=top).count() == first
    assert (
        RankingEntry.objects.count() == RankingEntry.objects.filter(ranking__in=Ranking.objects.all()).count()
    )


def test_the_garbage_collector_runs_again_after_a_ranking_and_stays_off_if_it_was(awards, field):
    awards_rank(awards_id=awards.pk)
    assert gc.isenabled()
    gc.disable()
    try:
        awards_rank(awards_id=awards.pk)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reasons_and_details_are_stored_as_written_whatever_they_hold(awards, top, field):
    awards_rank(awards_id=awards.pk)
    agency = field["last"].agency
    tricky = 'ก\t\\N\n\\\\ "quoted" ,;'
    reason = Reason("status", {"status": tricky, "allowed": [tricky]})
    entry = Entry(agency.code, Decimal("0.5"), None, False, (reason, NO_SCORE))
    ranking = Ranking.objects.get(category=top)
    RankingEntry.objects.filter(ranking=ranking).delete()
    _insert_entries(_rows([(ranking, [Ranked(entry, 0.5, {"note": tricky})])], {agency.code: agency.pk}))
    (found,) = RankingEntry.objects.filter(ranking=ranking)
    assert found.reasons == [{"code": "status", "status": tricky, "allowed": [tricky]}, {"code": "no_score"}]
    assert found.detail == {"note": tricky}
    assert (found.rank, found.score, found.raw_score, found.winner, found.eligible) == (
        None,
        Decimal("0.5"),
        0.5,
        False,
        False,
    )


def test_a_ranking_read_before_the_category_is_ranked_again_still_shows_the_entries(awards, top, field):
    awards_rank(awards_id=awards.pk)
    state = rankings.category_state(category=top)
    categories = list(awards.categories.select_related("ranking").filter(pk=top.pk))
    score(field["last"], 0.95)
    awards_rank(awards_id=awards.pk)  # a new ranking row replaces the one read above
    shown = rankings.ranking_entries(ranking=state.ranking)
    assert (shown[0].agency_id, shown[0].rank) == (field["last"].agency_id, 1)
    exported = list(ranking_rows(categories))
    assert len(exported) == len(shown)
    assert exported[0][:3] == ["top", 1, field["last"].agency.code]


def test_lines_made_as_they_are_read_read_back_whole_in_chunks_of_any_size():
    lines = [f"{i}\t{'x' * (i % 7)}\n" for i in range(50)]
    for size in (1, 3, 10, 64, 10_000):
        stream, chunks = _Lines(iter(lines)), []
        while chunk := stream.read(size):
            assert len(chunk) <= size
            chunks.append(chunk)
        assert "".join(chunks) == "".join(lines)
    assert _Lines(iter(lines)).read() == "".join(lines)


def test_a_ranking_that_fails_midway_leaves_the_previous_one_whole(awards, top, field, monkeypatch):
    awards_rank(awards_id=awards.pk)
    before = sorted(RankingEntry.objects.filter(ranking__category=top).values_list("agency_id", "rank"))
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("midway")
        return rank_category(*args, **kwargs)

    monkeypatch.setattr(ranking_service, "rank_category", failing)
    score(field["last"], 0.95)
    with pytest.raises(RuntimeError, match="midway"):
        awards_rank(awards_id=awards.pk)
    assert (
        sorted(RankingEntry.objects.filter(ranking__category=top).values_list("agency_id", "rank")) == before
    )
    assert Ranking.objects.count() == awards.categories.count()
    assert gc.isenabled()
