"""The XLSForm dialect as people write it (docs/xlsform.md): pyxform's aliases and spellings
map to the portal's types and columns; what is dropped is a warning at its cell."""

import pytest
from openpyxl import Workbook

from common.problems import DefinitionError
from surveys.domain.definition import NO_QUESTION
from surveys.domain.definition_parser import parse_definition
from surveys.files.xlsform import read_xlsform_report


def read(tmp_path, header, rows, choices=(), choices_header=("list_name", "name", "label"), settings=None):
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in [header, *rows]:
        survey.append(list(row))
    sheet = book.create_sheet("choices")
    for row in [choices_header, *choices]:
        sheet.append(list(row))
    if settings:
        sheet = book.create_sheet("settings")
        for row in settings:
            sheet.append(list(row))
    path = tmp_path / "form.xlsx"
    book.save(path)
    return read_xlsform_report(path)


def survey_warnings(read_):
    """The warnings about the survey sheet (these workbooks have no settings: that is said too)."""
    return [w for w in read_.warnings if w.path.startswith("survey")]


def questions(data):
    return [
        q
        for p in data["pillars"]
        for q in [*p.get("questions", []), *(x for i in p.get("indicators", []) for x in i["questions"])]
    ]


@pytest.mark.parametrize(
    ("row_type", "portal_type"),
    [
        ("select one from colours", "single_choice"),
        ("select all that apply from colours", "multi_choice"),
        ("select one colours", "single_choice"),
        ("Select_One colours", "single_choice"),
        ("int", "number"),
        ("string", "text"),
        ("photo", "file"),
        ("datetime", "date"),
    ],
)
def test_pyxform_type_aliases_map_to_portal_types(tmp_path, row_type, portal_type):
    read_ = read(
        tmp_path, ["type", "name", "label"], [[row_type, "Q1", "คำถาม"]], [["colours", "red", "แดง"]]
    )
    assert questions(read_.data)[0]["type"] == portal_type


@pytest.mark.parametrize(
    "header", ["label::English (en)", "label::English", "label::english", "label:en", "label:English"]
)
def test_english_label_spellings_all_land_in_en(tmp_path, header):
    read_ = read(tmp_path, ["type", "name", "label::th", header], [["text", "Q1", "คำถาม", "Question"]])
    assert questions(read_.data)[0]["text"] == {"th": "คำถาม", "en": "Question"}


def test_an_english_only_form_uses_english_as_thai_and_says_so_once(tmp_path):
    rows = [["text", "Q1", "One"], ["text", "Q2", "Two"]]
    read_ = read(tmp_path, ["type", "name", "label::English (en)"], rows)
    assert questions(read_.data)[1]["text"] == {"th": "Two", "en": "Two"}
    assert [str(w) for w in read_.warnings if "Thai" in w.message] == [
        "survey row 2, column C (label::english (en)): no Thai column for label: the text of "
        "label::english (en) is used as the Thai text"
    ]


def test_a_third_language_is_dropped_with_a_warning_at_its_column(tmp_path):
    read_ = read(
        tmp_path, ["type", "name", "label::th", "label::French (fr)"], [["text", "Q1", "คำถาม", "Question"]]
    )
    assert [str(w) for w in survey_warnings(read_)] == [
        "survey row 2, column D (label::french (fr)): the portal keeps Thai and English only: "
        "column label::french (fr) is dropped"
    ]


@pytest.mark.parametrize("header", ["bind::relevant", "bind:relevant", "relevance"])
def test_relevant_in_bind_columns_is_read(tmp_path, header):
    rows = [["integer", "N", "จำนวน"], ["text", "Q1", "คำถาม", "${N} > 2"]]
    read_ = read(tmp_path, ["type", "name", "label", header], rows)
    assert questions(read_.data)[1]["visible_if"] == {"question": "N", "gt": 2}


def test_a_number_compared_with_a_numeric_choice_code_compares_codes(tmp_path):
    rows = [["select_one n", "Q1", "คำถาม"], ["text", "Q2", "ถัดไป", "${Q1}=1"]]
    read_ = read(
        tmp_path, ["type", "name", "label", "relevant"], rows, [["n", "1", "หนึ่ง"], ["n", "2", "สอง"]]
    )
    assert questions(read_.data)[1]["visible_if"] == {"question": "Q1", "equals": "1"}
    parse_definition(read_.data)


def test_calculate_and_metadata_are_dropped_with_warnings_and_conditions_on_them_too(tmp_path):
    rows = [["start", "start"], ["calculate", "c", None, None, "1+1"], ["text", "Q1", "คำถาม", "${c} = 2"]]
    read_ = read(tmp_path, ["type", "name", "label", "relevant", "calculation"], rows)
    assert [q["code"] for q in questions(read_.data)] == ["Q1"]
    assert "visible_if" not in questions(read_.data)[0]
    assert len(survey_warnings(read_)) == 3


def test_or_other_adds_an_other_choice_with_a_warning(tmp_path):
    read_ = read(
        tmp_path, ["type", "name", "label"], [["select_one c or_other", "Q1", "สี"]], [["c", "red", "แดง"]]
    )
    assert [c["code"] for c in questions(read_.data)[0]["choices"]] == ["red", "other"]
    assert "or_other" in survey_warnings(read_)[0].message


def test_a_note_becomes_display_text_of_its_group(tmp_path):
    rows = [["begin group", "P1", "เสา"], ["note", "n1", "อ่านก่อน"], ["text", "Q1", "คำถาม"], ["end group"]]
    read_ = read(tmp_path, ["type", "name", "label"], rows)
    assert read_.data["pillars"][0]["description"] == {"th": "อ่านก่อน"}
    assert parse_definition(read_.data).pillars[0].description.th == "อ่านก่อน"


def test_a_groups_relevant_is_carried_to_its_questions(tmp_path):
    rows = [
        ["integer", "N", "จำนวน"],
        ["begin group", "P1", "เสา", "${N} >= 1"],
        ["text", "Q1", "คำถาม"],
        ["end group"],
    ]
    read_ = read(tmp_path, ["type", "name", "label", "relevant"], rows)
    assert questions(read_.data)[1]["visible_if"] == {"question": "N", "gte": 1}


def test_loose_questions_go_to_the_pillar_named_in_settings(tmp_path):
    settings = [["form_id", "form_title", "default_pillar"], ["f", "แบบ", "general"]]
    read_ = read(tmp_path, ["type", "name", "label"], [["text", "Q1", "คำถาม"]], settings=settings)
    assert read_.data["pillars"][0]["code"] == "general"


def test_a_constraint_on_a_number_becomes_its_bounds_and_other_constraints_are_warnings(tmp_path):
    rows = [["integer", "N", "จำนวน", ". >= 0 and . <= 10"], ["text", "T", "ข้อความ", "regex(., '[0-9]+')"]]
    read_ = read(tmp_path, ["type", "name", "label", "constraint"], rows)
    assert (questions(read_.data)[0]["min"], questions(read_.data)[0]["max"]) == (0, 10)
    assert [w.path for w in survey_warnings(read_)] == ["survey row 3, column D (constraint)"]


def test_an_unused_column_is_one_warning_at_its_first_cell(tmp_path):
    rows = [["text", "Q1", "คำถาม", "multiline"], ["text", "Q2", "คำถาม", "multiline"]]
    read_ = read(tmp_path, ["type", "name", "label", "appearance"], rows)
    assert [str(w) for w in survey_warnings(read_)] == [
        "survey row 2, column D (appearance): column appearance is not used by the portal: dropped"
    ]


@pytest.mark.parametrize(
    "row_type", ["geopoint", "begin repeat", "select_one_from_file x.csv", "rank c", "include"]
)
def test_what_the_portal_cannot_hold_is_refused_with_the_reason(tmp_path, row_type):
    with pytest.raises(DefinitionError) as caught:
        read(tmp_path, ["type", "name", "label"], [[row_type, "Q1", "คำถาม"]], [["c", "a", "ก"]])
    assert caught.value.problems[0].path == "survey row 2, column A (type)"


def test_count_selected_in_relevant_becomes_a_count_selected_condition(tmp_path):
    rows = [
        ["select_multiple channels", "Q1", "ช่องทาง", ""],
        ["text", "Q2", "เหตุผล", "count-selected(${Q1}) >= 2"],
    ]
    choices = [["channels", "web", "เว็บ"], ["channels", "app", "แอป"]]
    read_ = read(tmp_path, ["type", "name", "label", "relevant"], rows, choices)
    assert questions(read_.data)[1]["visible_if"] == {"question": "Q1", "count_selected": {"gte": 2}}
    assert survey_warnings(read_) == []


def test_a_required_message_is_kept_in_both_languages_on_a_required_question(tmp_path):
    header = [
        "type",
        "name",
        "label",
        "required",
        "required_message::Thai (th)",
        "jr:requiredMsg::English (en)",
    ]
    rows = [["text", "Q1", "ชื่อ", "yes", "กรุณาระบุชื่อ", "Please give a name"]]
    read_ = read(tmp_path, header, rows)
    assert questions(read_.data)[0]["required_message"] == {"th": "กรุณาระบุชื่อ", "en": "Please give a name"}
    assert survey_warnings(read_) == []


def test_a_required_message_on_a_question_that_is_not_required_is_dropped_at_its_cell(tmp_path):
    read_ = read(tmp_path, ["type", "name", "label", "required_message"], [["text", "Q1", "ชื่อ", "กรุณาระบุ"]])
    assert "required_message" not in questions(read_.data)[0]
    assert [w.path for w in survey_warnings(read_)] == ["survey row 2, column D (required_message)"]


def test_a_choice_filter_is_a_warning_at_its_sheet_row_and_column(tmp_path):
    rows = [["select_one colours", "Q1", "สี", "name != 'red'"]]
    read_ = read(tmp_path, ["type", "name", "label", "choice_filter"], rows, [["colours", "red", "แดง"]])
    assert [str(w) for w in survey_warnings(read_)] == [
        "survey row 2, column D (choice_filter): choice_filter is not applied: every choice of the list is "
        "offered: dropped"
    ]


def test_a_form_with_nothing_to_answer_imports_with_a_warning_that_says_so(tmp_path):
    rows = [["note", "intro", "ยินดีต้อนรับ"], ["calculate", "c1", ""]]
    read_ = read(tmp_path, ["type", "name", "label"], rows)
    assert read_.data["pillars"] == []
    assert not parse_definition(read_.data).has_questions
    assert "survey rows 2–3, column A (type): " + NO_QUESTION in [str(w) for w in read_.warnings]
