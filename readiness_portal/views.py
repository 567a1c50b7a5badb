"""Site-wide pages: the landing redirect, health and error pages."""

from __future__ import annotations

import sys

from django import db
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from agencies import roles
from agencies.http import AuthenticatedHttpRequest
from readiness_portal.celery import app as celery_app


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each role to its own work."""
    user = request.user
    if roles.is_dga_admin(user):
        return redirect("surveys:review")
    if roles.is_reviewer(user):
        return redirect("surveys:workbench")
    if roles.is_evaluator(user):
        return redirect("awards:index")
    return redirect("surveys:my_responses")


LOCAL_ADDRESSES = {"127.0.0.1", "::1"}


def _is_admin(request: HttpRequest) -> bool:
    try:
        return roles.is_dga_admin(request.user)
    except Exception:  # the session's database is down: not known to be an admin
        return False


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unreachable"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Anyone: a bare liveness answer. A DGA admin or the machine itself (a load balancer's or
    container's check from localhost): 200 while the database answers, and the broker's state."""
    if not (request.META.get("REMOTE_ADDR") in LOCAL_ADDRESSES or _is_admin(request)):
        return JsonResponse({"status": "ok"})
    database = _database_ok()
    body = {"database": "ok" if database else "unreachable", "broker": _broker_state()}
    return JsonResponse(body, status=200 if database else 503)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith("/api/"):  # machine clients: the API's own JSON error
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the database is what failed (a restart, a failover): the
    request may simply be sent again. Rendered without the request's context, which reads the
    database."""
    if isinstance(sys.exc_info()[1], (db.OperationalError, db.InterfaceError)):
        reply = HttpResponse(render_to_string("503.html"), status=503)
        reply["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
        return reply
    return HttpResponse(render_to_string("500.html"), status=500)
