"""Evaluator pages: rankings of the current cycle."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


@login_required
def rankings(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_evaluator or request.user.is_dga_admin):
        raise PermissionDenied
    return render(request, "awards/rankings.html", {"groups": selectors.preliminary_rankings()})
