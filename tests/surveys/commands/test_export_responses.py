"""export_responses, as an admin runs it: the contract columns, formulas neutralised."""

import csv
import io

from django.core.management import call_command
from openpyxl import load_workbook

from agencies.models import AuditEvent
from tests.surveys.conftest import HYPERLINK


def test_export_responses_writes_the_contract_columns(answered, tmp_path):
    out = tmp_path / "responses.csv"
    call_command(
        "export_responses", questionnaire=answered.questionnaire.code, output=out, stdout=io.StringIO()
    )
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["agency", "status", "G.1", "P1.1", "P1.2", "P3.1"]
    assert rows[1] == [answered.agency.code, "submitted", "'" + HYPERLINK, "approved", "", "-3"]
    assert AuditEvent.objects.get(action="export.command").data["rows"] == 1


def test_export_responses_writes_xlsx(answered, tmp_path):
    out = tmp_path / "responses.xlsx"
    call_command(
        "export_responses",
        questionnaire=answered.questionnaire.code,
        format="xlsx",
        output=out,
        stdout=io.StringIO(),
    )
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["agency", "status", "G.1"]
    assert sheet["C2"].value == "'" + HYPERLINK and sheet["C2"].data_type == "s"
