"""Exports of responses and scores: the columns, formulas neutralised (acceptance 4), jobs
with progress downloaded only by the admin who asked, and the audit log."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import AuditEvent
from common.spreadsheets import write_csv, write_table
from surveys.files.exports import responses_table, scores_table
from surveys.models import Answer, ExportJob, ScoreCard
from tests.factories import AgencyFactory, ResponseFactory, UserFactory

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def answered(response_a):
    response_a.status = "submitted"
    response_a.save()
    Answer.objects.create(response=response_a, question_code="G.1", value=HYPERLINK)
    Answer.objects.create(response=response_a, question_code="P1.1", value="approved")
    Answer.objects.create(response=response_a, question_code="P3.1", value=-3)
    ScoreCard.objects.create(
        response=response_a, questionnaire=response_a.questionnaire, total=0.5, band="low",
        card={"nodes": {"P1": {"score": 1.0}, "P3": {"score": 0.0}, "G": {"score": None}}},
    )  # fmt: skip
    return response_a


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


def start(client, answered, kind="responses", fmt="xlsx"):
    data = {"questionnaire": answered.questionnaire.code, "kind": kind, "format": fmt}
    return client.post(reverse("surveys:export_start"), data)


def test_an_export_job_is_written_and_downloaded_by_the_admin_who_asked(
    client, dana, answered, django_capture_on_commit_callbacks
):
    client.force_login(dana)
    with django_capture_on_commit_callbacks(execute=True):
        reply = start(client, answered)
    job = ExportJob.objects.get()
    assert reply.url == reverse("surveys:export_job", args=[job.public_id])
    assert (job.state, job.done, job.total) == ("done", 1, 1)
    page = client.get(reply.url).content.decode()
    assert 'data-state="done"' in page and reverse("surveys:export_download", args=[job.public_id]) in page
    download = client.get(reverse("surveys:export_download", args=[job.public_id]))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 3
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {"export.request", "export.download"}
    assert AuditEvent.objects.get(action="export.request").actor == dana


def test_another_admin_cannot_see_or_download_the_export(
    client, dana, answered, django_capture_on_commit_callbacks
):
    client.force_login(dana)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, answered, kind="scores", fmt="csv")
    job = ExportJob.objects.get()
    client.force_login(UserFactory(is_dga_admin=True))
    assert client.get(reverse("surveys:export_job", args=[job.public_id])).status_code == 404
    assert client.get(reverse("surveys:export_download", args=[job.public_id])).status_code == 404


def test_writing_reports_progress_every_hundred_rows():
    seen = []
    write_csv(io.StringIO(), ["n"], ([i] for i in range(250)), progress=seen.append)
    assert seen == [100, 200]


def test_a_csv_export_job_of_many_responses_finishes_with_every_row(
    client, dana, cycle, django_capture_on_commit_callbacks
):
    for _ in range(250):
        ResponseFactory(cycle=cycle, agency=AgencyFactory())
    client.force_login(dana)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("surveys:export_start"),
            {"questionnaire": cycle.questionnaire.code, "kind": "responses", "format": "csv"},
        )
    job = ExportJob.objects.get()
    assert (job.state, job.done, job.total) == ("done", 250, 250)
    text = job.file.open("rb").read().decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 252  # codes, labels, 250 rows


@pytest.mark.parametrize("name", ["alice", "erin"])
def test_only_dga_admins_export(client, request, name, answered):
    client.force_login(request.getfixturevalue(name))
    assert start(client, answered).status_code == 403
    assert client.get(reverse("surveys:exports")).status_code == 403
    assert not ExportJob.objects.exists()
