"""Submission receipts: the PDF for those who may see the response, and the public check of a
fingerprint (no sign-in, no answers shown, rate-limited per client address)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from agencies.http import AuthenticatedHttpRequest
from common.ratelimit import within_rate
from surveys.access import receipt_for_user
from surveys.domain.receipt import grouped
from surveys.files.receipt_pdf import receipt_pdf
from surveys.selectors.receipts import later_receipt, receipt_by_fingerprint


@login_required
@require_GET
def receipt_download(request: AuthenticatedHttpRequest, fingerprint: str) -> HttpResponse:
    receipt = receipt_for_user(request.user, fingerprint)
    verify_url = request.build_absolute_uri(reverse("surveys:verify", args=[receipt.fingerprint]))
    reply = HttpResponse(receipt_pdf(receipt, verify_url=verify_url), content_type="application/pdf")
    name = f"receipt-{receipt.response.agency.code}-{receipt.fingerprint[:12]}.pdf"
    reply["Content-Disposition"] = f'attachment; filename="{name}"'
    return reply


@require_GET
def verify(request: HttpRequest, fingerprint: str) -> HttpResponse:
    """Whether a fingerprint is that of a submission receipt, and of which submission."""
    client = request.META.get("REMOTE_ADDR", "")
    if not within_rate(f"verify:{client}", settings.VERIFY_MAX_PER_MINUTE, 60):
        return render(request, "surveys/verify.html", {"limited": True, "fingerprint": ""}, status=429)
    receipt = receipt_by_fingerprint(fingerprint=fingerprint)
    context: dict[str, Any] = {"fingerprint": fingerprint[:64], "receipt": receipt}
    if receipt is None:
        return render(request, "surveys/verify.html", context, status=404)
    context.update(
        response=receipt.response,
        groups=grouped(receipt.fingerprint),
        later=later_receipt(receipt=receipt),
    )
    return render(request, "surveys/verify.html", context)
