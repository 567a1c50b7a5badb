"""The audit log, read by DGA admins: per response and per person. Nobody edits it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from agencies.http import AuthenticatedHttpRequest
from agencies.models import User
from surveys.access import require_dga_admin, require_reviewer, response_for_user
from surveys.audit_words import audit_rows
from surveys.selectors.review import audit_of_response, audit_of_user

PER_PAGE = 100


@login_required
def audit_response(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    events = Paginator(audit_of_response(response=response), PER_PAGE).get_page(request.GET.get("page"))
    rows = audit_rows(events, response.questionnaire.parsed)
    return render(request, "surveys/audit_log.html", {"response": response, "page": events, "rows": rows})


@login_required
def audit_user(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    require_dga_admin(request.user)
    person = get_object_or_404(User, pk=user_id)
    events = Paginator(audit_of_user(person=person), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "surveys/audit_log.html", {"person": person, "page": events, "rows": audit_rows(events)}
    )
