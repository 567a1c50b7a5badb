"""DGA's review pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_dga_admin:
        raise PermissionDenied
    page = Paginator(selectors.responses_for_review(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "surveys/review_list.html", {"page": page})
