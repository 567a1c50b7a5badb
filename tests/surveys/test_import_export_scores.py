"""import_responses, score and export_scores, as an admin runs them."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from common.spreadsheets import neutralise
from surveys.models import Answer, AnswerChange, Response, ResponseEvent
from tests.factories import AgencyFactory, QuestionnaireFactory


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory()


@pytest.fixture
def agencies(db):
    return [AgencyFactory(code="ALRO"), AgencyFactory(code="RID")]


def write(tmp_path, text):
    path = tmp_path / "responses.csv"
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_responses", str(path), "--questionnaire", "small-2566", *extra, stdout=out, stderr=err
    )
    return out.getvalue()


def test_it_imports_one_response_per_row_with_its_answers_and_history(tmp_path, questionnaire, agencies):
    path = write(tmp_path, "agency,P1.1,P1.2,P3.1,G.1\nALRO,approved,yes,12,สมชาย\nRID,draft,,3.5,\n")
    import_file(path, "--status", "accepted")
    rid = Response.objects.get(agency__code="RID")
    assert rid.status == "accepted" and rid.submitted_at is not None
    assert dict(Answer.objects.filter(response=rid).values_list("question_code", "value")) == {
        "P1.1": "draft",
        "P3.1": 3.5,
    }
    assert AnswerChange.objects.count() == 6
    assert ResponseEvent.objects.filter(action="import").count() == 2


def test_every_bad_cell_is_reported_with_line_and_column_and_nothing_is_written(
    tmp_path, questionnaire, agencies
):
    path = write(
        tmp_path, "agency,P1.1,P1.2,P3.1\nALRO,maybe,yes,12\nRID,draft,perhaps,-1\nNOPE,draft,no,1\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 problem"):
        call_command("import_responses", str(path), "--questionnaire", "small-2566", stderr=err)
    report = err.getvalue()
    assert f"{path}:2:B (P1.1): 'maybe' is not a choice" in report
    assert f"{path}:3:C (P1.2): 'perhaps' is not yes or no" in report
    assert f"{path}:3:D (P3.1): -1 is below the minimum 0" in report
    assert f"{path}:4:A (agency): no agency with code 'NOPE'" in report
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_an_unknown_column_is_reported_on_the_header_line(tmp_path, questionnaire, agencies):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_responses",
            str(write(tmp_path, "agency,P9\nALRO,1\n")),
            "--questionnaire",
            "small-2566",
            stderr=err,
        )
    assert ":1:B (P9): small-2566 has no question 'P9'" in err.getvalue()


def test_an_agency_that_already_answered_is_refused(tmp_path, questionnaire, agencies):
    import_file(write(tmp_path, "agency,P1.1\nALRO,draft\n"))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_responses",
            str(write(tmp_path, "agency,P1.1\nALRO,approved\n")),
            "--questionnaire",
            "small-2566",
            stderr=err,
        )
    assert "ALRO already has a response" in err.getvalue()
    assert Answer.objects.get().value == "draft"


@pytest.fixture
def scored(tmp_path, questionnaire, agencies):
    import_file(write(tmp_path, "agency,P1.1,P1.2,P3.1\nALRO,draft,yes,7\nRID,approved,no,\n"))
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


@pytest.mark.parametrize("cell", ["=HYPERLINK()", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_numbers_are_not_neutralised():
    assert neutralise(-0.5) == -0.5
