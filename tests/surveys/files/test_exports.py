"""The export tables of responses and scores: the columns, formulas neutralised (acceptance 4)."""

import csv
import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from common.spreadsheets import write_table
from surveys.files.exports import responses_table, scores_table
from tests.surveys.conftest import HYPERLINK


def write(table, fmt):
    stream = io.BytesIO() if fmt == "xlsx" else io.StringIO()
    write_table(stream, table, fmt)
    stream.seek(0)
    return stream


def test_a_formula_in_a_text_answer_is_text_in_the_xlsx(answered):
    book = load_workbook(write(responses_table(questionnaire=answered.questionnaire), "xlsx"))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=3, column=header.index("G.1") + 1)
    assert cell.data_type == "s"
    assert cell.value == "'" + HYPERLINK


def test_a_formula_in_a_text_answer_starts_with_a_quote_in_the_csv(answered):
    rows = list(csv.reader(write(responses_table(questionnaire=answered.questionnaire), "csv")))
    assert rows[2][rows[0].index("G.1")] == "'" + HYPERLINK


def test_the_responses_export_has_codes_then_thai_labels(answered):
    rows = list(csv.reader(write(responses_table(questionnaire=answered.questionnaire), "csv")))
    codes, labels, row = rows
    assert codes[:4] == ["agency", "status", "agency_name", "submitted_at"]
    assert codes[4:] == ["G.1", "P1.1", "P1.2", "P3.1"]
    assert labels[codes.index("P1.1")] == "มีแผนพัฒนาดิจิทัลหรือไม่"
    assert row[:3] == [answered.agency.code, "submitted", answered.agency.name_th]
    assert (row[codes.index("P1.1")], row[codes.index("P3.1")]) == ("approved", "-3")  # numbers stay numbers


def test_the_submission_time_is_in_the_buddhist_era(answered):
    answered.submitted_at = datetime(2023, 6, 30, 3, 0, tzinfo=UTC)
    answered.save()
    rows = list(csv.reader(write(responses_table(questionnaire=answered.questionnaire), "csv")))
    assert rows[2][3].startswith("2566-06-30")


def test_the_scores_export_has_total_band_pillars_and_indicators(answered):
    rows = list(csv.reader(write(scores_table(questionnaire=answered.questionnaire), "csv")))
    assert rows[0] == ["agency", "status", "agency_name", "total", "band", "G", "P1", "P3"]
    assert rows[1][5:] == ["ข้อมูลทั่วไป", "แนวนโยบายและหลักปฏิบัติ", "บริการภาครัฐ"]
    assert rows[2][3:] == ["0.5", "low", "", "1.0", "0.0"]
