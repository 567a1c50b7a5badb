"""The receipt PDF and the public check of a fingerprint."""

import io

from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from surveys.models import SubmissionReceipt
from surveys.services.transitions import response_transition


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def thai(text: str) -> str:
    """Thai as compared here: pypdf reads the glyph of sara aa (า) back as sara am (ำ) where
    the font draws ำ from it, so both read as one."""
    return text.replace("\u0e33", "\u0e32")


def receipt_of(response):
    return SubmissionReceipt.objects.filter(response=response).first()


def test_the_receipt_pdf_downloads_with_its_fingerprint(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    receipt = receipt_of(response_a)
    client.force_login(alice)
    reply = client.get(reverse("surveys:receipt", args=[receipt.fingerprint]))
    assert reply["Content-Type"] == "application/pdf" and "attachment" in reply["Content-Disposition"]
    text = pdf_text(reply.content)
    assert receipt.fingerprint in text.replace("\n", "")
    assert reverse("surveys:verify", args=[receipt.fingerprint]) in text.replace("\n", "")


def test_the_receipt_pdf_is_in_thai_with_the_buddhist_era(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    receipt = receipt_of(response_a)
    client.force_login(bob)
    text = pdf_text(client.get(reverse("surveys:receipt", args=[receipt.fingerprint])).content)
    assert str(receipt.submitted_at.year + 543) in text
    assert thai(response_a.agency.name_th) in thai(text)


def test_the_receipt_pdf_sets_thai_in_sarabun(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    client.force_login(alice)
    data = client.get(reverse("surveys:receipt", args=[receipt_of(response_a).fingerprint])).content
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Sarabun" in name for name in fonts)


def test_another_agency_gets_404_for_the_receipt(client, response_a, alice, bob, charlie, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    client.force_login(charlie)
    assert (
        client.get(reverse("surveys:receipt", args=[receipt_of(response_a).fingerprint])).status_code == 404
    )


def test_verify_confirms_a_receipt_without_showing_answers(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft", "G.1": "ผู้ประสานงานลับ"}, officer=alice, approver=bob)
    receipt = receipt_of(response_a)
    reply = client.get(reverse("surveys:verify", args=[receipt.fingerprint]))
    body = reply.content.decode()
    assert reply.status_code == 200 and 'data-verify="match"' in body
    assert response_a.agency.name_th in body and str(receipt.submitted_at.year + 543) in body
    assert "ผู้ประสานงานลับ" not in body  # no answer is shown


def test_verify_says_no_such_receipt_with_404(client, db):
    reply = client.get(reverse("surveys:verify", args=["0" * 64]))
    assert reply.status_code == 404 and 'data-verify="none"' in reply.content.decode()


def test_verify_refuses_a_malformed_fingerprint_politely(client, db):
    reply = client.get(reverse("surveys:verify", args=["not-a-fingerprint"]))
    assert reply.status_code == 404 and 'data-verify="none"' in reply.content.decode()


def test_the_old_fingerprint_verifies_as_the_earlier_submission(client, response_a, alice, bob, dana, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    first = receipt_of(response_a)
    response_transition(response=response_a, action="start_review", by=dana)
    response_transition(response=response_a, action="return", by=dana, comment="โปรดแก้ไข")
    submit(response_a, {"P1.1": "approved"}, officer=alice, approver=bob)
    second = SubmissionReceipt.objects.exclude(pk=first.pk).get(response=response_a)
    old = client.get(reverse("surveys:verify", args=[first.fingerprint])).content.decode()
    new = client.get(reverse("surveys:verify", args=[second.fingerprint])).content.decode()
    assert 'data-verify="match"' in old and 'data-verify="superseded"' in old
    assert 'data-verify="match"' in new and 'data-verify="superseded"' not in new


def test_verify_is_rate_limited_per_address(client, db, settings):
    cache.clear()
    settings.VERIFY_MAX_PER_MINUTE = 2
    path = reverse("surveys:verify", args=["0" * 64])
    assert [client.get(path).status_code for _ in range(3)] == [404, 404, 429]
    cache.clear()


def test_the_response_page_lists_the_receipts(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    client.force_login(alice)
    body = client.get(reverse("surveys:response", args=[response_a.public_id])).content.decode()
    assert reverse("surveys:receipt", args=[receipt_of(response_a).fingerprint]) in body
