"""Award pages: categories, rankings and why, panel sheets, publication; the public results."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import roles
from agencies.http import AuthenticatedHttpRequest
from agencies.models import Agency
from awards.files import rankings as ranking_files
from awards.forms import PanelSheetForm
from awards.models import Awards
from awards.selectors import rankings
from awards.services.errors import AwardsError
from awards.services.panels import panel_close, panel_score_save
from awards.services.publication import category_publish
from awards.services.ranking import awards_request_ranking
from surveys.access import require_all_agencies_reader, require_dga_admin

P = ParamSpec("P")

ERRORS = {
    "conflict": lambda: _("You cannot score an agency of your own ministry."),
    "closed": lambda: _("The panel is closed."),
    "not_shortlisted": lambda: _("This agency is not on the shortlist."),
    "panel_open": lambda: _("Close the panel before publishing."),
    "stale": lambda: _("The ranking is out of date: rank again, then publish."),
    "points": lambda: _("Give points within each criterion's range."),
}


def evaluators_only(
    view: Callable[Concatenate[AuthenticatedHttpRequest, P], HttpResponse],
) -> Callable[Concatenate[AuthenticatedHttpRequest, P], HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        require_all_agencies_reader(request.user)
        return view(request, *args, **kwargs)

    return wrapped


def _error(exc: AwardsError) -> str:
    return ERRORS.get(exc.code, lambda: str(exc))()


@evaluators_only
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "awards/index.html", {"overview": rankings.awards_overview()})


@evaluators_only
def ranking(request: AuthenticatedHttpRequest, awards: str, category: str) -> HttpResponse:
    found = rankings.category_of(awards_code=awards, category_code=category)
    state = rankings.category_state(category=found)
    context = {
        "state": state,
        "category": found,
        "entries": rankings.ranking_entries(ranking=state.ranking, hidden=found.panel_open),
        "hidden": found.panel_open,
        "requested": found.awards.rank_requested_at
        and (state.ranking is None or found.awards.rank_requested_at > state.ranking.computed_at),
    }
    return render(request, "awards/ranking.html", context)


@evaluators_only
def entry(request: AuthenticatedHttpRequest, awards: str, category: str, agency: str) -> HttpResponse:
    found = rankings.category_of(awards_code=awards, category_code=category)
    explanation = rankings.explanation(category=found, agency_code=agency)
    context = {"category": found, "x": explanation, "hidden": found.panel_open}
    return render(request, "awards/entry.html", context)


@evaluators_only
def panel(request: AuthenticatedHttpRequest, awards: str, category: str) -> HttpResponse:
    found = rankings.category_of(awards_code=awards, category_code=category)
    if not found.is_panel:
        raise PermissionDenied
    rows = rankings.panel_rows(category=found, evaluator=request.user)
    forms = [
        (
            row,
            PanelSheetForm(
                rubric=found.spec.rubric,
                initial_points=row.mine.points if row.mine else None,
                initial={"comment": row.mine.comment if row.mine else ""},
                prefix=row.agency.code,
            ),
        )
        for row in rows
    ]
    return render(request, "awards/panel.html", {"category": found, "forms": forms})


@evaluators_only
@require_POST
def panel_score(request: AuthenticatedHttpRequest, awards: str, category: str, agency: str) -> HttpResponse:
    found = rankings.category_of(awards_code=awards, category_code=category)
    target = get_object_or_404(Agency, code=agency)
    form = PanelSheetForm(request.POST, rubric=found.spec.rubric, prefix=target.code)
    if not form.is_valid():
        messages.error(request, ERRORS["points"]())
        return redirect("awards:panel", awards=awards, category=category)
    try:
        panel_score_save(
            category=found,
            agency=target,
            evaluator=request.user,
            points=form.points(),
            comment=form.cleaned_data["comment"],
        )
    except AwardsError as exc:
        if exc.code in ("conflict", "forbidden"):
            raise PermissionDenied(_error(exc)) from exc
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Your score for %(agency)s is saved.") % {"agency": target.name})
    return redirect("awards:panel", awards=awards, category=category)


@evaluators_only
@require_POST
def rank_now(request: AuthenticatedHttpRequest, awards: str) -> HttpResponse:
    require_dga_admin(request.user)
    found = get_object_or_404(Awards, code=awards)
    awards_request_ranking(awards=found)
    messages.success(request, _("Ranking requested: the rankings will be brought up to date shortly."))
    return redirect("awards:index")


@evaluators_only
@require_POST
def close_panel(request: AuthenticatedHttpRequest, awards: str, category: str) -> HttpResponse:
    require_dga_admin(request.user)
    found = rankings.category_of(awards_code=awards, category_code=category)
    panel_close(category=found, by=request.user)
    messages.success(request, _("The panel is closed; the ranking is being brought up to date."))
    return redirect("awards:ranking", awards=awards, category=category)


@evaluators_only
@require_POST
def publish(request: AuthenticatedHttpRequest, awards: str, category: str) -> HttpResponse:
    require_dga_admin(request.user)
    found = rankings.category_of(awards_code=awards, category_code=category)
    if request.POST.get("confirm") != "on":  # publishing is public at once: it is confirmed first
        messages.error(request, _("Tick the confirmation to publish: the results become public at once."))
        return redirect("awards:ranking", awards=awards, category=category)
    try:
        category_publish(category=found, by=request.user)
    except AwardsError as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("Published: the results page shows this category's winners."))
    return redirect("awards:ranking", awards=awards, category=category)


@evaluators_only
def export(request: AuthenticatedHttpRequest, awards: str, category: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    found = rankings.category_of(awards_code=awards, category_code=category)
    if found.panel_open and not roles.is_dga_admin(request.user):
        raise PermissionDenied  # panel scores stay hidden until the panel closes
    rows = ranking_files.ranking_rows([found])
    name = f"{found.awards.code}-{found.code}"
    if fmt == "xlsx":
        buffer = io.BytesIO()
        ranking_files.write_xlsx(rows, buffer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(buffer.getvalue(), content_type=content_type)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        ranking_files.write_csv(rows, response)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def results(request: HttpRequest) -> HttpResponse:
    """Public: the winners of published categories, for anyone, signed in or not."""
    return render(request, "awards/results.html", {"published": rankings.published_winners()})
