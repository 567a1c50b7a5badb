"""Spreadsheet writing shared by every export: formulas neutralised, progress reported."""

import io

import pytest

from common.spreadsheets import neutralise, write_csv, write_xlsx


def test_writing_reports_progress_every_hundred_rows():
    seen = []
    write_csv(io.StringIO(), ["n"], ([i] for i in range(250)), progress=seen.append)
    assert seen == [100, 200]


@pytest.mark.parametrize("cell", ["=HYPERLINK()", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_numbers_are_not_neutralised():
    assert neutralise(-0.5) == -0.5


def _xlsx_cells(rows) -> list:
    from openpyxl import load_workbook

    stream = io.BytesIO()
    write_xlsx(stream, ["a"], rows, "t")
    stream.seek(0)
    return [c.value for row in load_workbook(stream).active.iter_rows(min_row=2) for c in row]


def test_xlsx_carries_text_with_every_control_character_cleaned_of_what_it_cannot_hold():
    text = "".join(chr(c) for c in range(32)) + "ข้อความ\x7f\x9b"
    assert _xlsx_cells([[text]]) == ["'\t\n\nข้อความ\x7f\x9b"]  # CR becomes LF


def test_xlsx_line_ends_are_lf_whichever_xml_writer_openpyxl_uses():
    assert _xlsx_cells([["a\r\nb\rc"]]) == ["a\nb\nc"]


def test_a_cleaned_text_that_then_starts_like_a_formula_is_neutralised():
    assert _xlsx_cells([["\x0b=1+1"]]) == ["'=1+1"]


@pytest.mark.parametrize("value", [10**309, -(10**400), float("inf")], ids=["1e309", "-1e400", "inf"])
def test_a_number_no_spreadsheet_can_hold_is_written_as_text(value):
    assert _xlsx_cells([[value]]) == [neutralise(str(value))]
    stream = io.StringIO()
    write_csv(stream, ["a"], [[value]])
    assert stream.getvalue().splitlines()[1] == neutralise(str(value))
