"""An agency's benchmark: its pillars against the national and group averages and its
previous cycle."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agencies.http import AuthenticatedHttpRequest
from surveys.access import scored_response_for_user
from surveys.domain.scoring import ScoreCard
from surveys.selectors.dashboard import pillar_averages
from surveys.selectors.responses import previous_score_card, score_card_of


@login_required
def benchmark(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    response = scored_response_for_user(request.user, public_id)
    stored = score_card_of(response=response)
    previous = previous_score_card(response=response)
    context: dict[str, Any] = {"response": response, "stored": stored, "previous": previous}
    if stored is not None:
        context["chart"] = _chart(response, ScoreCard.from_dict(stored.card), previous)
    return render(request, "surveys/benchmark.html", context)


def _chart(response, card: ScoreCard, previous) -> dict:
    lang = get_language() or "th"
    pillars = [p for p in response.questionnaire.parsed.pillars if p.weight > 0]
    national = pillar_averages(questionnaire=response.questionnaire, cycle=response.cycle)
    group = pillar_averages(questionnaire=response.questionnaire, kind=response.agency.kind)
    before = (previous.card.get("nodes") or {}) if previous else {}
    rows = []
    for p in pillars:
        mine = card.nodes[p.code].score if p.code in card.nodes else None
        then = (before.get(p.code) or {}).get("score")
        rows.append(
            {
                "code": p.code,
                "title": p.title.get(lang),
                "agency": mine,
                "national": national.get(p.code),
                "group": group.get(p.code),
                "previous": then,
                "change": mine - then if mine is not None and then is not None else None,
            }
        )
    labels = {
        "agency": response.agency.name,
        "national": _("National average"),
        "group": _("Average of %(kind)s agencies") % {"kind": response.agency.get_kind_display()},
        "previous": (
            _("The agency in %(year)s") % {"year": previous.year or previous.questionnaire.code}
            if previous
            else _("Previous cycle")
        ),
    }
    return {
        "rows": rows,
        "labels": labels,
        "total": card.total,
        "previous_total": previous.total if previous else None,
    }
