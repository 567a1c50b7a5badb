"""Reads for submission receipts: a response's receipts, one by its fingerprint."""

from __future__ import annotations

from surveys.domain.receipt import is_fingerprint
from surveys.models import Response, SubmissionReceipt


def receipts_of(*, response: Response) -> list[SubmissionReceipt]:
    """The response's receipts, newest first."""
    return list(SubmissionReceipt.objects.filter(response=response).select_related("approved_by"))


def receipt_by_fingerprint(*, fingerprint: str) -> SubmissionReceipt | None:
    """The receipt with this fingerprint, with what its pages show; None for anything else."""
    fingerprint = fingerprint.strip().lower()
    if not is_fingerprint(fingerprint):
        return None
    return (
        SubmissionReceipt.objects.select_related("response__agency", "response__cycle", "approved_by")
        .filter(fingerprint=fingerprint)
        .first()
    )


def later_receipt(*, receipt: SubmissionReceipt) -> SubmissionReceipt | None:
    """The first receipt of the same response issued after this one: it replaced this one."""
    return (
        SubmissionReceipt.objects.filter(response_id=receipt.response_id)
        .filter(submitted_at__gt=receipt.submitted_at)
        .order_by("submitted_at", "pk")
        .first()
    )
