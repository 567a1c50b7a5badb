"""The agency registry, for DGA admins and evaluators."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from agencies import roles
from agencies.http import AuthenticatedHttpRequest
from agencies.models import AgencyKind, Ministry
from agencies.selectors import agencies_search
from common.collation import thai_sorted


@login_required
def agency_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not roles.sees_all_agencies(request.user):
        raise PermissionDenied
    query, kind, ministry = (request.GET.get(k, "") for k in ("q", "kind", "ministry"))
    found = agencies_search(query=query, kind=kind, ministry=ministry)
    context = {
        "page": Paginator(found, 50).get_page(request.GET.get("page")),
        "count": len(found),
        "query": query,
        "kind": kind,
        "ministry": ministry,
        "kinds": AgencyKind.choices,
        "ministries": thai_sorted(Ministry.objects.all(), key=lambda m: m.name_th),
    }
    return render(request, "agencies/agency_list.html", context)
