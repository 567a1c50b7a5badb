"""Evidence pages: attached by content type, stored under generated names, shown and previewed
only to those allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Evidence, EvidenceState, ResponseStatus
from surveys.services.evidence import evidence_add
from tests.factories import PDF, pdf_upload

EXE = b"MZ\x90\x00" + b"\x00" * 200
HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(client, response, code, name, data):
    path = reverse("surveys:evidence_upload", args=[response.public_id, code])
    return client.post(path, {"file": SimpleUploadedFile(name, data)}, **HTMX)


def test_a_pdf_is_stored_under_a_generated_name(client, alice, response_a, settings):
    client.force_login(alice)
    assert upload(client, response_a, "P1.1", "แผน.pdf", PDF).status_code == 200
    evidence = Evidence.objects.get(response=response_a)
    assert evidence.original_name == "แผน.pdf"
    assert "แผน" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    assert (settings.MEDIA_ROOT / evidence.file.name).read_bytes() == PDF
    assert evidence.review_state == EvidenceState.PENDING


def test_a_program_named_like_a_pdf_is_refused_with_a_clear_message(client, alice, response_a):
    client.force_login(alice)
    page = upload(client, response_a, "P1.1", "report.pdf", EXE)
    assert page.status_code == 422
    assert "data-evidence-error" in page.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(client, alice, response_a, settings):
    settings.EVIDENCE_MAX_MB = 1
    client.force_login(alice)
    page = upload(client, response_a, "P1.1", "big.pdf", PDF + b"0" * (1024 * 1024))
    assert page.status_code == 422
    assert "1.0" in page.content.decode()  # the limit, as people read it
    assert not Evidence.objects.exists()


def test_the_agency_and_dga_download_it(client, alice, dana, response_a):
    client.force_login(alice)
    upload(client, response_a, "P1.1", "plan.pdf", PDF)
    evidence = Evidence.objects.get()
    for user in (alice, dana):
        client.force_login(user)
        reply = client.get(reverse("surveys:evidence", args=[evidence.public_id]))
        assert reply.status_code == 200
        assert b"".join(reply.streaming_content) == PDF
        assert "plan.pdf" in reply["Content-Disposition"]


def test_an_officer_of_another_agency_gets_404(client, alice, charlie, response_a):
    client.force_login(alice)
    upload(client, response_a, "P1.1", "plan.pdf", PDF)
    evidence = Evidence.objects.get()
    client.force_login(charlie)
    assert client.get(reverse("surveys:evidence", args=[evidence.public_id])).status_code == 404
    assert client.post(reverse("surveys:evidence_remove", args=[evidence.public_id])).status_code == 404


def test_it_is_removed_while_the_response_is_editable(
    client, alice, response_a, settings, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    upload(client, response_a, "P1.1", "plan.pdf", PDF)
    evidence = Evidence.objects.get()
    path = settings.MEDIA_ROOT / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:evidence_remove", args=[evidence.public_id]), **HTMX)
    assert not Evidence.objects.exists()
    assert not path.exists()


def test_it_stays_once_the_response_is_locked(client, alice, response_a):
    client.force_login(alice)
    upload(client, response_a, "P1.1", "plan.pdf", PDF)
    response_a.status = ResponseStatus.SUBMITTED
    response_a.save()
    page = client.post(reverse("surveys:evidence_remove", args=[Evidence.objects.get().public_id]), **HTMX)
    assert page.status_code == 422
    assert Evidence.objects.exists()


@pytest.fixture
def evidence(response_a, alice):
    return evidence_add(response=response_a, question_code="P1.1", upload=pdf_upload(), by=alice)


def test_the_preview_may_be_framed_by_the_portal_only(client, dana, evidence):
    client.force_login(dana)
    reply = client.get(reverse("surveys:evidence_preview", args=[evidence.public_id]))
    assert reply.status_code == 200
    assert reply["X-Frame-Options"] == "SAMEORIGIN"
    assert reply["Content-Disposition"].startswith("inline")
    assert b"".join(reply.streaming_content) == PDF


def test_the_download_keeps_refusing_frames(client, dana, evidence):
    client.force_login(dana)
    reply = client.get(reverse("surveys:evidence", args=[evidence.public_id]))
    assert reply["X-Frame-Options"] == "DENY"
    assert reply["Content-Disposition"].startswith("attachment")


def test_another_agency_cannot_preview_the_evidence(client, charlie, evidence):
    client.force_login(charlie)
    assert client.get(reverse("surveys:evidence_preview", args=[evidence.public_id])).status_code == 404


def test_office_files_are_not_previewed(client, dana, evidence):
    Evidence.objects.filter(pk=evidence.pk).update(content_type="application/vnd.ms-excel")
    client.force_login(dana)
    assert client.get(reverse("surveys:evidence_preview", args=[evidence.public_id])).status_code == 404


@pytest.mark.parametrize("view", ["surveys:evidence", "surveys:evidence_preview"])
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("annual-report.html", "annual-report.pdf"),
        ("annual-report.PDF", "annual-report.PDF"),
        ("script.svg.exe", "script.svg.pdf"),
        ("no-extension", "no-extension.pdf"),
    ],
)
def test_the_downloaded_name_takes_the_extension_of_the_detected_type(
    client, alice, response_a, view, name, expected
):
    client.force_login(alice)
    upload(client, response_a, "P1.1", name, PDF)
    reply = client.get(reverse(view, args=[Evidence.objects.get().public_id]))
    assert f'filename="{expected}"' in reply["Content-Disposition"]


def test_a_body_declared_larger_than_the_limit_is_refused_before_it_is_read(client, alice, response_a):
    client.force_login(alice)
    path = reverse("surveys:evidence_upload", args=[response_a.public_id, "P1.1"])
    page = client.generic(
        "POST",
        path,
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert page.status_code == 413
    assert not Evidence.objects.exists()


def test_a_response_holds_at_most_its_number_of_files(client, alice, response_a, settings):
    settings.EVIDENCE_MAX_FILES_PER_RESPONSE = 2
    client.force_login(alice)
    for name in ("a.pdf", "b.pdf"):
        assert upload(client, response_a, "P1.1", name, PDF).status_code == 200
    page = upload(client, response_a, "P1.1", "c.pdf", PDF)
    assert page.status_code == 422
    assert Evidence.objects.count() == 2


def test_a_response_holds_at_most_its_bytes_of_files(client, alice, response_a, settings):
    settings.EVIDENCE_MAX_MB_PER_RESPONSE = 1
    client.force_login(alice)
    big = PDF + b"0" * (700 * 1024)
    assert upload(client, response_a, "P1.1", "a.pdf", big).status_code == 200
    page = upload(client, response_a, "P1.1", "b.pdf", big)
    assert page.status_code == 422
    assert Evidence.objects.count() == 1


def test_someone_who_may_not_write_is_refused_before_the_file_is_read(client, erin, response_a, monkeypatch):
    from surveys.services import evidence as evidence_services

    def read(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(evidence_services, "check_upload", read)
    response_a.status = ResponseStatus.ACCEPTED
    response_a.save()
    client.force_login(erin)
    assert upload(client, response_a, "P1.1", "a.pdf", PDF).status_code in (403, 404)
