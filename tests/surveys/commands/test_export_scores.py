"""score and export_scores, as an admin runs them."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from surveys.selectors.dashboard import pillar_averages


@pytest.fixture
def scored(responses_csv, import_responses):
    import_responses(responses_csv("agency,P1.1,P1.2,P3.1\nALRO,draft,yes,7\nRID,approved,no,\n"))
    call_command("score", "--questionnaire", "small-2566", "--sync", stdout=io.StringIO())


def test_export_scores_writes_every_pillar_at_full_precision_and_empty_when_not_applicable(scored, capsys):
    call_command("export_scores", "--questionnaire", "small-2566")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["agency", "total", "band", "G", "P1", "P3"]
    # ALRO: P1 = mean(1/2, 1) = 0.75, P3 = band 5 → 1/2, total 0.625; RID: P1 = 1/2, P3 = 0 → 0.25
    assert rows[1:] == [
        ["ALRO", "0.625", "high", "", "0.75", "0.5"],
        ["RID", "0.25", "low", "", "0.5", "0.0"],
    ]


def test_a_not_applicable_pillar_stays_out_of_the_averages(scored, questionnaire):
    # G is not applicable for both agencies: no mean, not a mean of zeros.
    assert pillar_averages(questionnaire=questionnaire) == {"G": None, "P1": 0.625, "P3": 0.25}


def test_export_scores_writes_xlsx(scored, tmp_path):
    output = tmp_path / "scores.xlsx"
    call_command(
        "export_scores",
        "--questionnaire",
        "small-2566",
        "--format",
        "xlsx",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    sheet = openpyxl.load_workbook(output).active
    assert [c.value for c in sheet[2]] == ["ALRO", 0.625, "high", None, 0.75, 0.5]
