"""Site-wide pages: the landing redirect, health and error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .celery import app as celery_app


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own work."""
    user = request.user
    if user.is_dga_admin:
        return redirect("surveys:review")
    if user.is_evaluator:
        return redirect("awards:index")
    return redirect("surveys:my_responses")


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
    """200 while the database answers; the broker's state is reported, not required."""
    database = _database_ok()
    body = {"database": "ok" if database else "unreachable", "broker": _broker_state()}
    return JsonResponse(body, status=200 if database else 503)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
