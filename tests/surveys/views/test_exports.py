"""Export pages: jobs with progress, downloaded only by the admin who asked, and the audit log."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import AuditEvent
from surveys.models import ExportJob
from tests.factories import AgencyFactory, ResponseFactory, UserFactory


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
