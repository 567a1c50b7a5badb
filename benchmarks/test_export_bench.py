"""Export budget (docs/contract.md#performance-budget): 2,000 responses × 150 answers to XLSX
in ≤ 30 s, memory flat.

Memory is measured with tracemalloc (Python allocations: the rows, openpyxl's cells, the ORM)
in a second run, so its overhead does not count in the time; flat means the peak for 2,000
responses stays close to the peak for 500."""

import tempfile
import time
import tracemalloc

from benchmarks.test_scoring_bench import _responses
from common.spreadsheets import write_table
from surveys.files.exports import responses_table

RESPONSES = 2000


def _export(questionnaire) -> int:
    with tempfile.TemporaryFile("w+b") as out:
        return write_table(out, responses_table(questionnaire=questionnaire), "xlsx")


def _peak(questionnaire) -> float:
    tracemalloc.start()
    try:
        _export(questionnaire)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_2000_responses_export_to_xlsx_within_30_s_with_flat_memory(benchmark, db):
    questionnaire = _responses(RESPONSES)
    figures = {}

    def run():
        started = time.perf_counter()
        figures["rows"] = _export(questionnaire)
        figures["seconds"] = time.perf_counter() - started

    benchmark.pedantic(run, rounds=1, iterations=1)
    peak_all = _peak(questionnaire)
    # The same export of a quarter of the responses (the others deleted inside this test's transaction).
    questionnaire.responses.filter(agency__code__gte="B00500").delete()
    peak_quarter = _peak(questionnaire)
    print(
        f"\nexport: {figures['rows']} responses × 150 answers to XLSX in {figures['seconds']:.2f} s; "
        f"peak Python memory {peak_all:.1f} MiB (500 responses: {peak_quarter:.1f} MiB)"
    )
    assert figures["rows"] == RESPONSES
    assert figures["seconds"] <= 30
    assert peak_all < 2 * peak_quarter + 16  # flat: not proportional to the number of responses
