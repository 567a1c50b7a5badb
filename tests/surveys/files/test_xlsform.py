"""XLSForm import: an .xlsx questionnaire becomes the same definition as its YAML twin."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from common.problems import DefinitionError
from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform
from surveys.models import Questionnaire
from surveys.services.questionnaires import read_definition_file

EXAMPLES = Path(__file__).resolve().parents[3] / "surveys" / "questionnaires" / "examples"
EXAMPLE_XLSX = EXAMPLES / "digital-services-mini.xlsx"
EXAMPLE_YAML = EXAMPLES / "digital-services-mini.yaml"

SURVEY_HEADER = ["type", "name", "label::th", "label::en", "relevant", "scoring"]
SETTINGS = [["form_id", "version", "form_title::th", "form_title::en"], ["tiny", 2566, "ทดลอง", "Tiny"]]
YES_NO = [["yes_no", "yes", "ใช่"], ["yes_no", "no", "ไม่ใช่"]]


def workbook(tmp_path, survey, choices=(), name="form.xlsx"):
    """A small XLSForm: survey rows under SURVEY_HEADER, choices under list_name/name/label::th/points."""
    book = Workbook()
    sheets = {
        "survey": [SURVEY_HEADER, *survey],
        "choices": [["list_name", "name", "label::th", "points"], *choices],
        "settings": SETTINGS,
    }
    for i, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def in_a_pillar(*rows):
    return [["begin_group", "P1", "เสาหลัก"], *rows, ["end_group"]]


@pytest.mark.django_db
def test_the_example_workbook_imports_as_a_stored_definition(capsys):
    call_command("import_questionnaire", str(EXAMPLE_XLSX))
    stored = Questionnaire.objects.get(code="dg-mini-example")
    assert "dg-mini-example: created (draft)." in capsys.readouterr().out
    assert (stored.year, stored.title_en) == (2566, "Digital government readiness (mini example)")
    assert stored.definition == read_xlsform(EXAMPLE_XLSX)


def test_the_example_workbook_and_its_yaml_twin_give_the_same_definition():
    from_xlsx = read_xlsform(EXAMPLE_XLSX)
    assert from_xlsx == yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    assert len(list(parse_definition(from_xlsx).iter_questions())) == 10


def test_a_relevant_cell_becomes_the_questions_visible_if(tmp_path):
    path = workbook(
        tmp_path,
        in_a_pillar(
            ["select_one yes_no", "Q1", "มีหรือไม่"],
            ["text", "Q2", "รายละเอียด", "Details", "${Q1} = 'yes'"],
        ),
        YES_NO,
    )
    question = read_xlsform(path)["pillars"][0]["questions"][1]
    assert question["visible_if"] == {"question": "Q1", "equals": "yes"}


def test_a_yes_no_list_of_exactly_yes_and_no_makes_a_yes_no_question(tmp_path):
    path = workbook(tmp_path, in_a_pillar(["select_one yes_no", "Q1", "มีหรือไม่", "Is there?"]), YES_NO)
    assert read_xlsform(path)["pillars"][0]["questions"] == [
        {"code": "Q1", "type": "yes_no", "text": {"th": "มีหรือไม่", "en": "Is there?"}}
    ]


@pytest.mark.django_db
def test_an_unknown_choice_list_is_refused_and_an_unsupported_relevant_is_a_warning_at_its_cell(
    tmp_path, capsys
):
    path = workbook(
        tmp_path,
        in_a_pillar(
            ["select_one colours", "Q1", "สี"],
            ["select_one yes_no", "Q2", "มีหรือไม่", "", "${Q1} > 'red'"],
        ),
        YES_NO,
    )
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_questionnaire", str(path))
    err = capsys.readouterr().err
    assert "survey row 3, column A (type): choice list 'colours' is not on the choices sheet" in err
    assert (
        "warning: survey row 4, column E (relevant): relevant '${Q1} > 'red'' is not in the supported" in err
    )
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_an_import_with_warnings_succeeds_and_prints_them_but_not_with_strict(tmp_path, capsys):
    path = workbook(tmp_path, in_a_pillar(["integer", "N1", "จำนวน", "", "string-length(${N1}) > 0"]))
    with pytest.raises(CommandError, match="--strict"):
        call_command("import_questionnaire", str(path), "--strict")
    assert not Questionnaire.objects.exists()
    call_command("import_questionnaire", str(path))
    out = capsys.readouterr()
    assert "warning: survey row 3, column E (relevant)" in out.err
    assert "tiny: created (draft), 1 warning." in out.out
    assert Questionnaire.objects.get(code="tiny").import_warnings == [
        "survey row 3, column E (relevant): relevant 'string-length(${N1}) > 0' is not in the supported "
        "subset (expected ${question}, selected(...), count-selected(...), not(...) or '(' but found "
        "'string-length'): dropped, always shown"
    ]


def test_a_bad_scoring_cell_is_reported_with_its_row_and_column(tmp_path):
    path = workbook(tmp_path, in_a_pillar(["integer", "N1", "จำนวน", "", "", "bands:0=0;5"]))
    with pytest.raises(DefinitionError) as caught:
        read_xlsform(path)
    assert str(caught.value).startswith(
        "survey row 3, column F (scoring): scoring 'bands:0=0;5' is not valid"
    )


def test_a_question_outside_any_group_goes_to_the_default_pillar(tmp_path):
    path = workbook(tmp_path, [["text", "Q0", "นอกกลุ่ม"], *in_a_pillar(["text", "Q1", "ในกลุ่ม"])])
    pillars = read_xlsform(path)["pillars"]
    assert [(p["code"], [q["code"] for q in p["questions"]]) for p in pillars] == [
        ("main", ["Q0"]),
        ("P1", ["Q1"]),
    ]


def test_unbalanced_groups_are_all_reported_at_their_rows(tmp_path):
    path = workbook(tmp_path, [["text", "Q0", "นอกกลุ่ม"], ["end_group"], ["begin_group", "P1", "เสาหลัก"]])
    with pytest.raises(DefinitionError) as caught:
        read_xlsform(path)
    assert [str(p) for p in caught.value.problems] == [
        "survey row 3, column A (type): end_group without a matching begin_group",
        "survey row 4, column B (name): this group is never closed: add an end_group row",
    ]


def test_a_file_that_is_not_a_workbook_is_reported_as_unreadable(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not a readable XLSForm workbook"):
        read_definition_file(path)
