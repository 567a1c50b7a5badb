"""The inbox, the notification settings, the approver's page, the to-fix list of a response
and, for DGA admins, the e-mail log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.http import AuthenticatedHttpRequest
from surveys.access import require_dga_admin, response_for_user
from surveys.models import EmailState, Notification, NotificationKind
from surveys.selectors.notifications import (
    awaiting_approval_by,
    deadline_of,
    emails_logged,
    inbox_of,
    todo_of,
)
from surveys.selectors.responses import responses_named
from surveys.services.notifications import notification_settings_save, notifications_mark_read, settings_of

PER_PAGE = 50


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("surveys:inbox")
    page = Paginator(inbox_of(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "surveys/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's own notifications read and go to what it is about (404 for
    another person's)."""
    item = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if item.read_at is None:
        notifications_mark_read(user=request.user, ids=[item.pk])
    return redirect(item.link if item.link.startswith("/") else "surveys:inbox")


@login_required
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    prefs = settings_of(request.user)
    kinds = NotificationKind.choices
    if request.method == "POST":
        language = request.POST.get("language", "th")
        if language not in ("th", "en"):
            language = "th"
        emailed = set(request.POST.getlist("email"))
        notification_settings_save(
            user=request.user, language=language, email_off=[k for k, _label in kinds if k not in emailed]
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("surveys:notification_settings")
    rows = [(kind, label, kind not in prefs.email_off) for kind, label in kinds]
    return render(request, "surveys/notifications_settings.html", {"prefs": prefs, "rows": rows})


@login_required
def approvals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for this person's approval, across their agencies."""
    waiting = [(r, deadline_of(r)) for r in responses_named(awaiting_approval_by(user=request.user))]
    return render(request, "surveys/notifications_approvals.html", {"waiting": waiting})


@login_required
def response_todo(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """Everything DGA asked the agency to fix, each item linking to its question."""
    response = response_for_user(request.user, public_id)
    items = todo_of(response=response)
    context = {
        "response": response,
        "items": items,
        "open_count": sum(1 for i in items if not i.done),
        "deadline": deadline_of(response),
    }
    return render(request, "surveys/notifications_todo.html", context)


@login_required
def email_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_dga_admin(request.user)
    emails = emails_logged()
    state = request.GET.get("state")
    if state in EmailState.values:
        emails = emails.filter(state=state)
    page = Paginator(emails, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/notifications_emails.html",
        {"page": page, "states": EmailState.choices, "state": state},
    )
