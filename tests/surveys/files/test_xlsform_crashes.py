"""Each workbook that once crashed the import or misled it (issue 16) is now refused, or
imported, with a message at its sheet, row and column: no traceback, nothing half-written."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from common.problems import DefinitionError
from surveys.models import Questionnaire
from surveys.services.questionnaires import read_definition_file

SETTINGS_HEADER = ["form_id", "version", "form_title::th"]


def workbook(tmp_path, survey, *, settings=("tiny", 2566, "ทดลอง"), choices=(), header=None):
    """A workbook with a pillar P1 around `survey` rows (type, name, label::th, relevant)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(header or ["type", "name", "label::th", "relevant"])
    for row in [["begin_group", "P1", "เสาหลัก"], *survey, ["end_group"]]:
        sheet.append(list(row))
    choice_sheet = book.create_sheet("choices")
    choice_sheet.append(["list_name", "name", "label::th"])
    for row in choices:
        choice_sheet.append(list(row))
    settings_sheet = book.create_sheet("settings")
    settings_sheet.append(SETTINGS_HEADER)
    settings_sheet.append(list(settings))
    path = tmp_path / "form.xlsx"
    book.save(path)
    return path


def refused(path) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        read_definition_file(path)
    return [str(p) for p in caught.value.problems]


def test_an_old_xls_workbook_is_refused_with_save_as_xlsx(tmp_path):
    path = tmp_path / "form.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\xff" * 256)
    assert refused(path) == [f"{path}: an old .xls workbook: open it in Excel and save as .xlsx"]


def test_an_xls_workbook_renamed_to_xlsx_is_refused_with_save_as_xlsx(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\xff" * 256)
    assert refused(path) == [f"{path}: this is an old .xls workbook: open it in Excel and save as .xlsx"]


def test_a_numeric_header_cell_is_read_as_a_column_name_not_a_traceback(tmp_path):
    path = workbook(
        tmp_path, [["text", "Q1", "คำถาม", None, "x"]], header=["type", "name", "label::th", "relevant", 2566]
    )
    assert read_definition_file(path)["pillars"][0]["questions"][0]["code"] == "Q1"


def test_a_duplicate_header_is_refused_at_its_sheet_and_column(tmp_path):
    path = workbook(
        tmp_path, [["text", "Q1", "คำถาม", "อีกครั้ง"]], header=["type", "name", "label::th", "label::th"]
    )
    assert refused(path) == ["survey row 1, column D: duplicate column 'label::th' (also column C): keep one"]


@pytest.mark.django_db
def test_a_title_longer_than_its_column_is_refused_on_every_database(tmp_path):
    path = workbook(tmp_path, [["text", "Q1", "คำถาม"]], settings=("tiny", 2566, "ก" * 301))
    with pytest.raises(CommandError):
        call_command("import_questionnaire", str(path))
    assert not Questionnaire.objects.exists()


def test_a_title_longer_than_its_column_is_named_at_its_cell(tmp_path):
    path = workbook(tmp_path, [["text", "Q1", "คำถาม"]], settings=("tiny", 2566, "ก" * 301))
    assert refused(path) == ["settings row 2, column C (form_title::th): longer than 300 characters"]


@pytest.mark.django_db
def test_a_large_version_number_is_not_taken_for_the_year(tmp_path):
    path = workbook(tmp_path, [["text", "Q1", "คำถาม"]], settings=("tiny", 2024051501999, "ทดลอง"))
    call_command("import_questionnaire", str(path))
    assert Questionnaire.objects.get(code="tiny").year is None


@pytest.mark.django_db
def test_a_form_id_that_is_not_a_slug_is_refused_before_it_can_break_a_page(tmp_path):
    path = workbook(tmp_path, [["text", "Q1", "คำถาม"]], settings=("my form/2566", 2566, "ทดลอง"))
    with pytest.raises(CommandError):
        call_command("import_questionnaire", str(path))
    assert not Questionnaire.objects.exists()
    assert refused(path) == [
        "settings row 2, column A (form_id): code 'my form/2566' must be letters, digits, - and _ only "
        "(it becomes a web address)"
    ]


def test_a_long_chain_of_relevant_references_is_refused_not_a_recursion_error(tmp_path):
    rows = [["integer", "Q0", "คำถาม"]]
    for i in range(1, 3000):
        if i % 100 == 0:  # a new pillar every 100 questions: a pillar holds 150 at most
            rows += [["end_group"], ["begin_group", f"P{i}", "เสา"]]
        rows.append(["integer", f"Q{i}", "คำถาม", f"${{Q{i - 1}}} >= 1"])
    problems = refused(workbook(tmp_path, rows))
    assert problems == [
        "survey row 53, column D (relevant): a chain of more than 50 conditions on conditions"
    ]


def test_deeply_nested_parentheses_in_a_relevant_are_a_warning_not_a_recursion_error(tmp_path):
    deep = "(" * 2400 + "${Q1} >= 1" + ")" * 2400
    path = workbook(tmp_path, [["integer", "Q1", "คำถาม"], ["integer", "Q2", "คำถาม", deep]])
    assert "visible_if" not in read_definition_file(path)["pillars"][0]["questions"][1]


def test_a_zero_width_character_inside_a_name_is_refused(tmp_path):
    path = workbook(tmp_path, [["text", "Q\u200b1", "คำถาม"], ["text", "Q1", "คำถาม"]])
    assert refused(path) == [
        "survey row 3, column B (name): code 'Q\\u200b1' contains an invisible (zero-width) character: "
        "retype it"
    ]


def test_two_spellings_of_one_name_are_one_code(tmp_path):
    decomposed, composed = "cafe\u0301", "caf\u00e9"  # é as e + combining acute, and as é
    path = workbook(tmp_path, [["text", decomposed, "คำถาม"], ["text", composed, "คำถาม"]])
    assert any("duplicate code" in p for p in refused(path))


def test_a_choice_list_longer_than_the_limit_is_refused_at_the_first_row_over_it(tmp_path):
    choices = [["big", f"c{i}", f"ตัวเลือก {i}"] for i in range(2001)]
    path = workbook(tmp_path, [["select_one big", "Q1", "คำถาม"]], choices=choices)
    assert refused(path) == ["choices row 2002, column A (list_name): list 'big' has more than 2,000 choices"]


def test_a_pillar_of_more_than_150_questions_is_refused_at_its_group_row(tmp_path):
    path = workbook(tmp_path, [["text", f"Q{i}", "คำถาม"] for i in range(151)])
    assert refused(path) == [
        "survey row 2: a pillar holds 150 questions at most (one page); this one has 151"
    ]
