"""Exports of responses and scores: requested here, written by a worker, downloaded from the
job's page by the person who asked (404 for anyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.http import AuthenticatedHttpRequest
from surveys.access import require_dga_admin
from surveys.forms import ExportForm
from surveys.models import ExportJob, ExportState, Questionnaire
from surveys.selectors.exports import export_jobs_of
from surveys.services import exports


def _form(data=None) -> ExportForm:
    questionnaires = [(q.code, q.title) for q in Questionnaire.objects.order_by("-year", "code")]
    return ExportForm(data, questionnaires=questionnaires)


@login_required
def export_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_dga_admin(request.user)
    jobs = export_jobs_of(user=request.user)[:20]
    return render(request, "surveys/exports.html", {"form": _form(), "jobs": jobs})


@login_required
@require_POST
def export_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_dga_admin(request.user)
    form = _form(request.POST)
    if not form.is_valid():
        jobs = export_jobs_of(user=request.user)[:20]
        return render(request, "surveys/exports.html", {"form": form, "jobs": jobs}, status=422)
    questionnaire = Questionnaire.objects.get(code=form.cleaned_data["questionnaire"])
    job = exports.export_request(
        questionnaire=questionnaire,
        kind=form.cleaned_data["kind"],
        fmt=form.cleaned_data["format"],
        by=request.user,
    )
    messages.success(request, _("The export has started; this page shows its progress."))
    return redirect("surveys:export_job", public_id=job.public_id)


def _job_for(request: AuthenticatedHttpRequest, public_id) -> ExportJob:
    """Only the person who asked for an export sees it: 404 for everyone else."""
    try:
        return export_jobs_of(user=request.user).get(public_id=public_id)
    except (ExportJob.DoesNotExist, ValueError):
        raise Http404 from None


@login_required
def export_job(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    require_dga_admin(request.user)
    job = _job_for(request, public_id)
    template = (
        "surveys/_export_progress.html" if request.headers.get("HX-Request") else "surveys/export_job.html"
    )
    return render(request, template, {"job": job})


@login_required
def export_download(request: AuthenticatedHttpRequest, public_id) -> FileResponse:
    require_dga_admin(request.user)
    job = _job_for(request, public_id)
    if job.state != ExportState.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    exports.export_download(job=job, by=request.user)
    reply = FileResponse(handle, as_attachment=True, filename=job.filename)
    reply["Cache-Control"] = "private, no-store"
    return reply
