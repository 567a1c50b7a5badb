"""Uploads with hostile names: stored under generated names; the original name is display text
only, cleaned and shortened, and the download names it safely (RFC 6266 / RFC 5987)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from surveys.files.uploads import clean_name
from surveys.models import Evidence
from tests.factories import PDF, pdf_upload

STORED = re.compile(r"^evidence/[0-9a-f-]{36}/[0-9a-f]{32}\.pdf$")


def upload(client, response, name: str) -> Evidence:
    path = reverse("surveys:evidence_upload", args=[response.public_id, "P1.1"])
    reply = client.post(path, {"file": pdf_upload(name)}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    return Evidence.objects.filter(response=response).latest("pk")


def download(client, evidence: Evidence):
    return client.get(reverse("surveys:evidence", args=[evidence.public_id]))


@pytest.fixture
def officer(client, alice):
    client.force_login(alice)
    return client


def test_a_path_traversal_name_is_stored_inside_the_evidence_folder(officer, response_a, settings):
    evidence = upload(officer, response_a, "../../etc/passwd.pdf")
    assert STORED.match(evidence.file.name)
    stored = (Path(settings.MEDIA_ROOT) / evidence.file.name).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) and stored.read_bytes() == PDF
    assert evidence.original_name == "passwd.pdf"


def test_a_very_long_name_is_shortened_keeping_its_extension(officer, response_a):
    evidence = upload(officer, response_a, "ร" * 150 + "x" * 200 + ".pdf")
    assert STORED.match(evidence.file.name)
    assert len(evidence.original_name) <= 120 and evidence.original_name.endswith("….pdf")
    assert evidence.original_name.startswith("ร" * 100)


def test_control_characters_and_nul_are_removed(officer, response_a):
    evidence = upload(officer, response_a, "plan\x00\x07\x1b[31m\tfinal.pdf")
    assert evidence.original_name == "plan[31mfinal.pdf"


def test_line_breaks_in_a_name_are_removed():
    # Browsers send CR and LF in a file name percent-encoded; the cleaning drops them all the same.
    assert clean_name("plan\r\nX-Injected: 1.pdf") == "planX-Injected 1.pdf"


def test_right_to_left_overrides_cannot_disguise_the_extension(officer, response_a):
    evidence = upload(officer, response_a, "invoice\u202efdp.exe")
    assert evidence.original_name == "invoicefdp.exe"  # shown as it is, not reversed to look like .pdf
    assert evidence.content_type == "application/pdf" and evidence.file.name.endswith(".pdf")


def test_the_download_names_the_file_safely(officer, response_a):
    evidence = upload(officer, response_a, 'a"; filename=evil.sh\r\nX-Injected: 1.pdf')
    header = download(officer, evidence)["Content-Disposition"]
    assert "\r" not in header and "\n" not in header and "X-Injected" not in download(officer, evidence)
    assert header.startswith("attachment; ")
    assert header.count("filename") == 1 and '"' not in header.split('filename="', 1)[-1][:-1]


def test_a_thai_name_is_downloaded_with_an_rfc_5987_name(officer, response_a):
    evidence = upload(officer, response_a, "แผน ดิจิทัล.pdf")
    header = download(officer, evidence)["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''%E0%B9%81%E0%B8%9C%E0%B8%99%20" + (
        "%E0%B8%94%E0%B8%B4%E0%B8%88%E0%B8%B4%E0%B8%97%E0%B8%B1%E0%B8%A5.pdf"
    )


def test_the_download_is_never_sniffed_or_cached(officer, response_a):
    reply = download(officer, upload(officer, response_a, "plan.pdf"))
    assert reply["X-Content-Type-Options"] == "nosniff" and reply["Content-Type"] == "application/pdf"
    assert "no-store" in reply["Cache-Control"]


def test_a_hostile_name_is_escaped_where_it_is_shown(officer, response_a):
    upload(officer, response_a, "<img src=x onerror=alert(1)>.pdf")
    body = officer.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert "<img src=x onerror" not in body
    assert "img src=x onerror=alert(1).pdf" in body  # < and > are dropped from names altogether
