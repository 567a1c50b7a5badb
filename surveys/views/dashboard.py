"""The cycle dashboard DGA reports from, and the agencies behind each of its figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agencies.http import AuthenticatedHttpRequest
from agencies.models import AgencyKind, Ministry
from agencies.selectors import names_of_year
from surveys.access import require_all_agencies_reader
from surveys.domain import dashboard
from surveys.models import Cycle, ResponseStatus
from surveys.selectors.dashboard import agencies_behind, dashboard_scores, dashboard_tallies

PER_PAGE = 100


def _cycle_for(request: AuthenticatedHttpRequest, year: int) -> Cycle:
    require_all_agencies_reader(request.user)
    return get_object_or_404(Cycle.objects.select_related("questionnaire"), year=year)


@login_required
def cycle_dashboard(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    cycle = _cycle_for(request, year)
    definition = cycle.questionnaire.parsed
    scored_pillars = [p for p in definition.pillars if p.weight > 0]
    pillars = [p.code for p in scored_pillars]
    board = dashboard.build(
        dashboard_tallies(cycle=cycle),
        dashboard_scores(cycle=cycle, pillars=pillars),
        pillars=pillars,
        bands=[b.code for b in definition.bands],
    )
    ministries = _ministry_names()
    context = {
        "cycle": cycle,
        "board": board,
        "groups": [(g, AgencyKind(g).label, board.by_group[g]) for g in board.by_group],
        "ministries": [(m, ministries.get(m, m or "—"), r) for m, r in board.by_ministry.items()],
        "bands": [(b, board.bands[b]) for b in (band.code for band in definition.bands)],
        "band_labels": {b.code: b.label for b in definition.bands},
        "deciles": [(i, f"{i * 10}–{i * 10 + 10}%", n) for i, n in enumerate(board.deciles)],
        "pillars": scored_pillars,
    }
    context["charts"] = _charts(context, board)
    return render(request, "surveys/dashboard.html", context)


def _charts(context: dict, board: dashboard.Dashboard) -> dict:
    """The figures the charts draw (the tables beside them hold the same numbers)."""
    lang = get_language() or "th"
    labels = context["band_labels"]
    return {
        "rates": {
            "labels": [str(label) for _, label, _ in context["groups"]],
            "values": [r.rate for _, _, r in context["groups"]],
            "title": _("Response rate (%)"),
        },
        "bands": {
            "labels": [labels[code].get(lang) for code, _ in context["bands"]],
            "values": [n for _, n in context["bands"]],
            "title": _("Responses"),
        },
        "deciles": {
            "labels": [label for _, label, _ in context["deciles"]],
            "values": [n for _, _, n in context["deciles"]],
            "title": _("Responses"),
        },
        "pillars": {
            "labels": [p.code for p in context["pillars"]],
            "series": [
                {
                    "label": str(_("All")) if group == "all" else str(AgencyKind(group).label),
                    "values": [means.get(p.code) for p in context["pillars"]],
                }
                for group, means in board.pillar_means.items()
            ],
        },
    }


def _ministry_names() -> dict[str, str]:
    return {m.code: m.name for m in Ministry.objects.all()}


@login_required
def dashboard_agencies(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The agencies behind one figure: the same selection rule the figure counted."""
    cycle = _cycle_for(request, year)
    measure = request.GET.get("measure", "targets")
    group, ministry, band = (request.GET.get(k) or None for k in ("group", "ministry", "band"))
    decile = request.GET.get("decile")
    if measure not in dashboard.MEASURES or (group and group not in dashboard.GROUPS):
        raise Http404
    if decile is not None and not (decile.isdigit() and int(decile) < 10):
        raise Http404
    agencies = agencies_behind(
        cycle=cycle,
        measure=measure,
        group=group,
        ministry=ministry,
        band=band,
        decile=int(decile) if decile is not None else None,
    )
    page = Paginator(agencies, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    names_of_year(shown, cycle.year)
    statuses = dict(ResponseStatus.choices)
    listed = [(agency, statuses.get(agency.status, agency.status)) for agency in shown]  # type: ignore[attr-defined]
    return render(
        request, "surveys/dashboard_agencies.html", {"cycle": cycle, "page": page, "listed": listed}
    )
