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
from common import formats
from surveys.access import require_all_agencies_reader
from surveys.domain import charts, dashboard
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


COLOURS = ("#0d6efd", "#fd7e14", "#20c997", "#6f42c1", "#6c757d", "#dc3545")


def _charts(context: dict, board: dashboard.Dashboard) -> dict[str, charts.BarChart]:
    """The dashboard's charts, drawn here as SVG (the tables beside them hold the same numbers)."""
    lang = get_language() or "th"
    labels = context["band_labels"]
    rates = [r.rate for _, _, r in context["groups"]]
    bands = [n for _, n in context["bands"]]
    deciles = [n for _, _, n in context["deciles"]]
    pillars = [p.code for p in context["pillars"]]

    def counted(name: str, colour: str, values: list[int]) -> charts.Series:
        return charts.Series(name, colour, values, [str(n) for n in values])

    def percents(name: str, colour: str, values: list[float | None]) -> charts.Series:
        return charts.Series(
            name,
            colour,
            [None if v is None else float(formats.percentage(v) or 0) for v in values],
            [formats.percent_text(v) for v in values],
        )

    return {
        "rates": charts.bar_chart(
            [str(label) for _, label, _ in context["groups"]],
            [percents(_("Response rate (%)"), COLOURS[0], rates)],
            top=100,
        ),
        "bands": charts.bar_chart(
            [labels[code].get(lang) or "" for code, _ in context["bands"]],
            [counted(_("Responses"), COLOURS[2], bands)],
        ),
        "deciles": charts.bar_chart(
            [label for _, label, _ in context["deciles"]], [counted(_("Responses"), COLOURS[3], deciles)]
        ),
        "pillars": charts.bar_chart(
            pillars,
            [
                percents(
                    str(_("All")) if group == "all" else str(AgencyKind(group).label),
                    COLOURS[i % len(COLOURS)],
                    [means.get(code) for code in pillars],
                )
                for i, (group, means) in enumerate(board.pillar_means.items())
            ],
            top=100,
        ),
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
