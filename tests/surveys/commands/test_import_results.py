"""import_results: an earlier cycle's totals, without answers, for awards to compare with."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.models import Questionnaire, ScoreCard
from tests.awards.conftest import TOTAL, awards_data, scored_agency
from tests.factories import AgencyFactory


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "results.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_creates_a_results_only_questionnaire_with_score_cards(db, tmp_path):
    a = AgencyFactory(code="ALRO")
    call_command(
        "import_results", write(tmp_path, "agency,total,P1\nALRO,0.61,0.5\n"), "--questionnaire", "q-2565"
    )
    q = Questionnaire.objects.get(code="q-2565")
    assert q.is_published and not q.cycles.exists()
    card = ScoreCard.objects.get(response__agency=a, questionnaire=q)
    assert (card.total, card.card["nodes"]["P1"]["score"]) == (0.61, 0.5)
    assert [p.code for p in q.parsed.pillars] == ["P1"]


def test_every_bad_row_is_reported_and_nothing_is_written(db, tmp_path, capsys):
    AgencyFactory(code="ALRO")
    text = "agency,total\nALRO,1.5\n,0.2\nALRO,x\nNOPE,0.3\n"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_results", write(tmp_path, text), "--questionnaire", "q-2565")
    err = capsys.readouterr().err
    assert "line 2: total: 1.5 is not a fraction between 0 and 1" in err
    assert "line 3: agency code is missing" in err
    assert "line 4: agency 'ALRO' repeats line 2" in err
    assert "line 4: total: 'x' is not a number" in err
    assert not Questionnaire.objects.filter(code="q-2565").exists()


def test_unknown_agencies_are_refused(db, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command(
            "import_results", write(tmp_path, "agency,total\nNOPE,0.3\n"), "--questionnaire", "q-2565"
        )
    assert "no agency with code 'NOPE'" in capsys.readouterr().err


def test_results_never_overwrite_a_survey_with_answers(cycle, tmp_path, capsys):
    AgencyFactory(code="ALRO")
    with pytest.raises(CommandError):
        call_command(
            "import_results", write(tmp_path, "agency,total\nALRO,0.3\n"), "--questionnaire", "small-2566"
        )
    assert "is a survey with answers" in capsys.readouterr().err


def test_outstanding_development_ranks_by_improvement_over_imported_results(cycle, tmp_path):
    grew = scored_agency(cycle, 0.80)  # from 0.50: +0.30
    steady = scored_agency(cycle, 0.90)  # from 0.85: +0.05
    newcomer = scored_agency(cycle, 0.95)  # no 2565 result
    text = f"agency,total\n{grew.agency.code},0.50\n{steady.agency.code},0.85\n"
    call_command("import_results", write(tmp_path, text), "--questionnaire", "q-2565", "--year", "2565")
    improvement = {
        **TOTAL,
        "code": "improved",
        "basis": "improvement",
        "compare_to": "q-2565",
        "precision": 4,
    }
    awards = awards_import(data=awards_data(improvement))
    awards_rank(awards_id=awards.pk)
    entries = {e.agency_id: e for e in awards.categories.get().ranking.entries.all()}
    assert (entries[grew.agency_id].rank, entries[grew.agency_id].score) == (1, Decimal("0.3"))
    assert entries[steady.agency_id].rank == 2
    assert entries[newcomer.agency_id].reasons[0] == {"code": "no_previous", "compare_to": "q-2565"}
