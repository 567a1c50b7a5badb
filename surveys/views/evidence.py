"""Evidence files: upload to a question, download (only for those who may see the response),
removal while the response is editable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from agencies.http import AuthenticatedHttpRequest
from agencies.models import User
from surveys.access import actors_for, response_for_user, responses_visible_to
from surveys.domain.workflow import TransitionError
from surveys.files.uploads import UploadRejected, download_name
from surveys.models import Evidence, Response
from surveys.selectors.responses import evidence_by_question
from surveys.services import evidence as evidence_services
from surveys.services.transitions import response_is_open
from surveys.views.base import can_edit, pillar_of, transition_error_message


def _rejection(exc: UploadRejected) -> str:
    if exc.code == "too_large":
        return _("The file is too large (%(size)s); the limit is %(limit)s.") % {
            "size": filesizeformat(exc.params["size"]),
            "limit": filesizeformat(exc.params["max_bytes"]),
        }
    if exc.code == "empty":
        return _("The file is empty.")
    if exc.code == "not_taken":
        return _("This question takes no evidence.")
    if exc.code == "too_many":
        return _("This response already holds %(n)d files, the most it may hold.") % {
            "n": exc.params["max_files"]
        }
    if exc.code == "quota":
        return _("This file would take the response's files past their limit of %(limit)s.") % {
            "limit": filesizeformat(exc.params["max_bytes"])
        }
    return _(
        "This type of file is not accepted, whatever its name says. "
        "Attach a PDF, an image (PNG, JPEG, GIF, WebP, TIFF) or an Office document."
    )


def _block(
    request: AuthenticatedHttpRequest, response: Response, code: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    editable = can_edit(response, actors_for(request.user, response)) and response_is_open(response)
    context = {
        "response": response,
        "q": response.questionnaire.parsed.questions_by_code[code],
        "files": evidence_by_question(response=response).get(code, []),
        "editable": editable,
        "error": error,
    }
    return render(request, "surveys/_evidence.html", context, status=status)


def _back(request: AuthenticatedHttpRequest, response: Response, code: str, error: str) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return _block(request, response, code, error=error, status=422 if error else 200)
    if error:
        messages.error(request, error)
    url = reverse("surveys:pillar", args=[response.public_id, pillar_of(response, code)])
    return redirect(f"{url}#q-{code}")


@login_required
@require_POST
def evidence_upload(request: AuthenticatedHttpRequest, public_id, question_code: str) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    if question_code not in response.questionnaire.parsed.questions_by_code:
        raise Http404
    upload = request.FILES.get("file")
    if upload is None:
        return _back(request, response, question_code, _("Choose a file to attach."))
    try:
        evidence_services.evidence_add(
            response=response, question_code=question_code, upload=upload, by=request.user
        )
    except UploadRejected as exc:
        return _back(request, response, question_code, _rejection(exc))
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        return _back(request, response, question_code, transition_error_message(exc))
    return _back(request, response, question_code, "")


def _evidence_for_user(user: User, public_id) -> Evidence:
    """The file if the user may see its response; 404 otherwise, so outsiders learn nothing."""
    try:
        return Evidence.objects.select_related("response__questionnaire").get(
            public_id=public_id, response__in=responses_visible_to(user)
        )
    except (Evidence.DoesNotExist, ValueError):
        raise Http404 from None


@login_required
@require_GET
def evidence_download(request: AuthenticatedHttpRequest, public_id) -> FileResponse:
    evidence = _evidence_for_user(request.user, public_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    reply = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(evidence.original_name, evidence.extension),
        content_type=evidence.content_type,
    )
    reply["X-Content-Type-Options"] = "nosniff"
    reply["Cache-Control"] = "private, no-store"
    return reply


# What a browser shows inside the review page: PDFs and images (never HTML or SVG, which could run script).
PREVIEWABLE = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


@login_required
@require_GET
@xframe_options_sameorigin  # the review page frames it; every other page keeps DENY
def evidence_preview(request: AuthenticatedHttpRequest, public_id) -> FileResponse:
    """The file shown inline, for the review page's <iframe>/<img>; same rights as the download."""
    evidence = _evidence_for_user(request.user, public_id)
    if evidence.content_type not in PREVIEWABLE:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    reply = FileResponse(
        handle,
        filename=download_name(evidence.original_name, evidence.extension),
        content_type=evidence.content_type,
    )
    reply["X-Content-Type-Options"] = "nosniff"
    reply["Cache-Control"] = "private, no-store"
    reply["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'"
    )
    return reply


@login_required
@require_POST
def evidence_remove(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    evidence = _evidence_for_user(request.user, public_id)
    response, code = evidence.response, evidence.question_code
    try:
        evidence_services.evidence_remove(evidence=evidence, by=request.user)
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        return _back(request, response, code, transition_error_message(exc))
    return _back(request, response, code, "")
