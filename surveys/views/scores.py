"""Score cards and rescoring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.http import AuthenticatedHttpRequest
from surveys.access import can_see_score, require_rescorer, response_for_user
from surveys.domain.scoring import ScoreCard
from surveys.explain import card_lines
from surveys.models import Questionnaire
from surveys.selectors.dashboard import pillar_averages
from surveys.selectors.responses import score_card_of
from surveys.selectors.scoring import latest_scoring_job, scoring_job_progress
from surveys.services import scoring


@login_required
def score_card(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    response = response_for_user(request.user, public_id)
    if not can_see_score(request.user, response):
        # The agency's own people, before DGA releases scores: when, rather than a refusal.
        return render(request, "surveys/score_pending.html", {"response": response, "cycle": response.cycle})
    stored = score_card_of(response=response)
    lang = get_language() or "th"
    context: dict[str, Any] = {"response": response, "stored": stored, "lang": lang}
    if stored is not None:
        definition = response.questionnaire.parsed
        card = ScoreCard.from_dict(stored.card)
        context.update(
            card=card,
            lines=card_lines(definition, card, lang),
            band=next((b for b in definition.bands if b.code == card.band), None),
            radar=_radar(response, card, lang),
        )
    return render(request, "surveys/score_card.html", context)


def _radar(response, card: ScoreCard, lang: str) -> dict:
    """This agency's pillars against the national mean and the mean of its kind of agency."""
    definition = response.questionnaire.parsed
    pillars = [p for p in definition.pillars if p.weight > 0]
    national = pillar_averages(questionnaire=response.questionnaire, cycle=response.cycle)
    group = pillar_averages(questionnaire=response.questionnaire, kind=response.agency.kind)
    rows = [
        {
            "code": p.code,
            "title": p.title.get(lang),
            "agency": card.nodes[p.code].score if p.code in card.nodes else None,
            "national": national.get(p.code),
            "group": group.get(p.code),
        }
        for p in pillars
    ]
    labels = {
        "agency": response.agency.name,
        "national": _("National average"),
        "group": _("Average of %(kind)s agencies") % {"kind": response.agency.get_kind_display()},
    }
    return {"rows": rows, "labels": labels}


@login_required
def rescore(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    require_rescorer(request.user)
    questionnaire = get_object_or_404(Questionnaire, code=code)
    return render(request, "surveys/rescore.html", _progress_context(questionnaire))


@login_required
@require_POST
def rescore_start(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    require_rescorer(request.user)
    questionnaire = get_object_or_404(Questionnaire, code=code)
    job = scoring.questionnaire_rescore(questionnaire=questionnaire, by=request.user)
    messages.success(request, _("Rescoring %(n)d responses.") % {"n": job.total})
    return redirect("surveys:rescore", code=questionnaire.code)


@login_required
def rescore_progress(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    require_rescorer(request.user)
    questionnaire = get_object_or_404(Questionnaire, code=code)
    return render(request, "surveys/_rescore_progress.html", _progress_context(questionnaire))


def _progress_context(questionnaire: Questionnaire) -> dict:
    job = latest_scoring_job(questionnaire=questionnaire)
    progress = scoring_job_progress(job=job) if job else None
    return {"questionnaire": questionnaire, "progress": progress}
