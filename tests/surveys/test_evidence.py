"""Evidence: attached by content type, stored under generated names, shown only to those allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Evidence, EvidenceState, ResponseStatus, ScoreState
from surveys.services import scoring
from surveys.services.answers import answer_save
from surveys.services.evidence import evidence_add

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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


def _scored_with_evidence(response, alice, state=None):
    definition = response.questionnaire.definition
    answer_save(response=response, question_code="P1.1", value="approved", base_version=0, by=alice)
    if state is not None:
        file = SimpleUploadedFile("plan.pdf", PDF)
        evidence = evidence_add(response=response, question_code="P1.1", upload=file, by=alice)
        Evidence.objects.filter(pk=evidence.pk).update(review_state=state)
    response.__class__.objects.filter(pk=response.pk).update(score_state=ScoreState.PENDING)
    assert definition  # the factory's questionnaire
    return scoring.response_score(response_id=response.pk).card["questions"]["P1.1"]


@pytest.fixture
def evidence_response(response_a):
    q = response_a.questionnaire
    q.definition["pillars"][1]["questions"][0]["evidence"] = "required_for_points"
    q.checksum = "evidence-needed"
    q.save()
    response_a.questionnaire = q
    return response_a


def test_scoring_counts_pending_evidence_as_present(evidence_response, alice):
    assert _scored_with_evidence(evidence_response, alice, EvidenceState.PENDING)["score"] == 1.0


def test_scoring_gives_no_points_without_evidence(evidence_response, alice):
    assert _scored_with_evidence(evidence_response, alice)["reason"] == "evidence_missing"


def test_scoring_treats_rejected_evidence_as_none(evidence_response, alice):
    assert (
        _scored_with_evidence(evidence_response, alice, EvidenceState.REJECTED)["reason"]
        == "evidence_rejected"
    )
