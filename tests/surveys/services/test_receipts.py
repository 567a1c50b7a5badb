"""Submission receipts through the service layer: each submission freezes what was submitted,
with a fingerprint that keeps verifying the submission it was made for."""

import hashlib
import json

import pytest

from surveys.domain.receipt import fingerprint_of
from surveys.models import ImmutableRow, SubmissionReceipt
from surveys.selectors.receipts import later_receipt, receipt_by_fingerprint
from surveys.services.evidence import evidence_add
from surveys.services.transitions import response_transition
from tests.factories import PDF, pdf_upload


def frozen(receipt):
    return json.loads(receipt.canonical)


def test_submission_issues_a_receipt_of_the_answers_approver_and_time(response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft", "P1.2": "yes"}, officer=alice, approver=bob)
    response_a.refresh_from_db()
    receipt = SubmissionReceipt.objects.get(response=response_a)
    content = frozen(receipt)
    assert content["answers"] == {"P1.1": "draft", "P1.2": "yes"}
    assert content["approved_by"] == {"id": bob.pk, "name": bob.full_name}
    assert receipt.submitted_at == response_a.submitted_at and receipt.approved_by == bob


def test_the_fingerprint_is_the_sha256_of_the_frozen_content(response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    receipt = SubmissionReceipt.objects.get(response=response_a)
    assert receipt.fingerprint == fingerprint_of(receipt.canonical)
    assert receipt.fingerprint == hashlib.sha256(receipt.canonical.encode()).hexdigest()


def test_evidence_is_frozen_by_the_sha256_of_its_file(evidence_response, alice, bob, submit):
    evidence_add(response=evidence_response, question_code="P1.1", upload=pdf_upload(), by=alice)
    submit(evidence_response, {"P1.1": "approved"}, officer=alice, approver=bob)
    [file] = frozen(SubmissionReceipt.objects.get(response=evidence_response))["evidence"]
    assert (file["question"], file["sha256"]) == ("P1.1", hashlib.sha256(PDF).hexdigest())


def test_an_answer_that_lacks_evidence_is_submitted_as_a_warning(evidence_response, alice, bob, submit):
    submit(evidence_response, {"P1.1": "approved"}, officer=alice, approver=bob)
    evidence_response.refresh_from_db()
    assert evidence_response.status == "submitted"
    assert frozen(SubmissionReceipt.objects.get(response=evidence_response))["evidence"] == []


def test_a_changed_resubmission_has_a_new_receipt_and_the_old_one_still_verifies(
    response_a, alice, bob, dana, submit
):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    first = SubmissionReceipt.objects.get(response=response_a)
    response_transition(response=response_a, action="start_review", by=dana)
    response_transition(response=response_a, action="return", by=dana, comment="โปรดแก้ไข")
    submit(response_a, {"P1.1": "approved"}, officer=alice, approver=bob)
    second = SubmissionReceipt.objects.exclude(pk=first.pk).get(response=response_a)
    assert second.fingerprint != first.fingerprint
    assert frozen(receipt_by_fingerprint(fingerprint=first.fingerprint))["answers"] == {"P1.1": "draft"}
    assert frozen(second)["answers"] == {"P1.1": "approved"}
    assert later_receipt(receipt=first) == second and later_receipt(receipt=second) is None


def test_a_receipt_is_never_changed_or_deleted(response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    receipt = SubmissionReceipt.objects.get(response=response_a)
    receipt.canonical = "{}"
    with pytest.raises(ImmutableRow):
        receipt.save()
    with pytest.raises(ImmutableRow):
        receipt.delete()
    with pytest.raises(ImmutableRow):
        SubmissionReceipt.objects.filter(pk=receipt.pk).update(canonical="{}")


def test_no_receipt_before_submission(response_a, alice, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    assert not SubmissionReceipt.objects.filter(response=response_a).exists()
