"""The agency registry, for DGA admins and evaluators; each person's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import roles
from agencies.forms import TokenForm
from agencies.http import AuthenticatedHttpRequest
from agencies.models import AgencyKind, ApiToken, Ministry
from agencies.selectors import agencies_search
from agencies.services import tokens
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


@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person's API tokens: create one (its secret shown once, on this answer only) and list them."""
    secret = ""
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            days=form.cleaned_data["days"],
        )
        form = TokenForm(user=request.user)
    context = {
        "form": form,
        "secret": secret,
        "tokens": tokens.tokens_of(request.user),
        "now": timezone.now(),
    }
    response = render(request, "agencies/api_tokens.html", context)
    response["Cache-Control"] = "no-store"  # the secret is never kept by a browser's cache
    return response


@login_required
@require_POST
def api_token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)  # another's token: 404
    tokens.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect("agencies:api_tokens")
