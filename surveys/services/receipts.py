"""Submission receipts: on submission, freeze what was submitted (answers, evidence file
hashes, who approved, when) in an immutable row with its SHA-256 fingerprint."""

from __future__ import annotations

import hashlib
from datetime import UTC
from typing import Any

from django.utils import timezone

from agencies.models import User
from surveys.domain.receipt import RECEIPT_FORMAT, canonical_json, fingerprint_of
from surveys.models import Evidence, Response, SubmissionReceipt
from surveys.selectors.responses import answers_of

CHUNK = 1 << 20


def receipt_issue(*, response: Response, by: User) -> SubmissionReceipt:
    """Freeze the response as it is submitted now. Call inside the submitting transaction, on
    the locked row, after `submitted_at` is set."""
    submitted_at = response.submitted_at or timezone.now()
    number = SubmissionReceipt.objects.filter(response=response).count() + 1
    answers = answers_of(response=response)
    evidence = [_evidence_facts(e) for e in Evidence.objects.filter(response=response).order_by("pk")]
    agency = response.agency
    content = {
        "format": RECEIPT_FORMAT,
        "response": str(response.public_id),
        "submission": number,
        "agency": {"code": agency.code, "th": agency.name_th, "en": agency.name_en},
        "cycle": response.cycle.year if response.cycle else None,
        "questionnaire": {"code": response.questionnaire.code, "checksum": response.questionnaire.checksum},
        "answers": answers,
        "evidence": evidence,
        "approved_by": {"id": by.pk, "name": by.full_name},
        "submitted_at": submitted_at.astimezone(UTC).isoformat(),
    }
    canonical = canonical_json(content)
    return SubmissionReceipt.objects.create(
        response=response,
        fingerprint=fingerprint_of(canonical),
        canonical=canonical,
        approved_by=by,
        submitted_at=submitted_at,
        answer_count=len(answers),
        evidence_count=len(evidence),
    )


def _evidence_facts(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": str(evidence.public_id),
        "question": evidence.question_code,
        "name": evidence.original_name,
        "size": evidence.size,
        "review": evidence.review_state,
        "sha256": file_sha256(evidence),
    }


def file_sha256(evidence: Evidence) -> str | None:
    """The stored file's SHA-256, read in chunks; None if the file is gone from storage."""
    digest = hashlib.sha256()
    try:
        with evidence.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()
