"""Spreadsheet writing shared by every export: formulas neutralised, progress reported."""

import io

import pytest

from common.spreadsheets import neutralise, write_csv


def test_writing_reports_progress_every_hundred_rows():
    seen = []
    write_csv(io.StringIO(), ["n"], ([i] for i in range(250)), progress=seen.append)
    assert seen == [100, 200]


@pytest.mark.parametrize("cell", ["=HYPERLINK()", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_numbers_are_not_neutralised():
    assert neutralise(-0.5) == -0.5
