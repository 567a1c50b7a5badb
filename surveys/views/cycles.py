"""Cycle and questionnaire pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from agencies.http import AuthenticatedHttpRequest
from surveys.access import questionnaire_for_user, require_all_agencies_reader
from surveys.models import Cycle, ResponseStatus
from surveys.selectors.dashboard import cycle_summary


@login_required
def cycle_detail(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    require_all_agencies_reader(request.user)
    cycle = get_object_or_404(Cycle.objects.select_related("questionnaire"), year=year)
    summary = cycle_summary(cycle=cycle)
    statuses = [(label, summary.responses_by_status.get(value, 0)) for value, label in ResponseStatus.choices]
    return render(request, "surveys/cycle_detail.html", {"summary": summary, "statuses": statuses})


@login_required
def questionnaire_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    questionnaire = questionnaire_for_user(request.user, code)
    context = {"questionnaire": questionnaire, "definition": questionnaire.parsed, "lang": get_language()}
    return render(request, "surveys/questionnaire_detail.html", context)
