"""DGA's review: the queue, and one response's review page with its decisions."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.http import AuthenticatedHttpRequest
from agencies.models import AgencyKind, Ministry
from surveys.access import require_reviewer, response_for_user
from surveys.domain.scoring import ScoreCard
from surveys.domain.workflow import TRANSITIONS, Status, TransitionError
from surveys.explain import card_lines
from surveys.forms import AdjustmentForm, EvidenceReviewForm, QueueForm, ReviewCommentForm
from surveys.models import Cycle, Evidence, ResponseStatus, ReviewProposal
from surveys.selectors.responses import (
    answers_with_authors,
    evidence_by_question,
    previous_answers,
    responses_named,
    review_comments_by_question,
    score_card_of,
)
from surveys.selectors.review import (
    QUEUE_SORTS,
    REVIEW_STATUSES,
    QueueFilters,
    adjustments_by_question,
    review_queue,
)
from surveys.selectors.workbench import proposals_waiting
from surveys.services import review
from surveys.services.proposals import proposal_confirm, review_decide
from surveys.services.review import review_comment_add
from surveys.views.base import transition_error_message
from surveys.views.evidence import PREVIEWABLE

PER_PAGE = 50
REVIEW_ACTIONS = ("start_review", "return", "accept", "reopen")


@login_required
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_reviewer(request.user)
    cycles = list(Cycle.objects.select_related("questionnaire").order_by("-year"))
    form = QueueForm(request.GET or None, choices=_queue_choices(cycles))
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or (cycles[0].year if cycles else None)
    cycle = next((c for c in cycles if c.year == year), None)
    filters = QueueFilters(
        cycle=cycle,
        status=data.get("status", ""),
        ministry=data.get("ministry", ""),
        kind=data.get("kind", ""),
        band=data.get("band", ""),
        evidence_waiting=bool(data.get("waiting")),
        sort=data.get("sort") or "-submitted_at",
    )
    queue = review_queue(user=request.user, filters=filters)
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = responses_named(page.object_list)
    unsorted = request.GET.copy()  # the sort links keep every filter
    unsorted.pop("page", None)
    unsorted.pop("sort", None)
    context = {
        "page": page,
        "form": form,
        "cycle": cycle,
        "sort": filters.sort,
        "unsorted": unsorted.urlencode(),
        "band_labels": {b.code: b.label for b in cycle.questionnaire.parsed.bands} if cycle else {},
    }
    return render(request, "surveys/review_list.html", context)


def _queue_choices(cycles: list[Cycle]) -> dict[str, list]:
    everything = [("", _("All"))]
    bands = {b.code: b.label.get(get_language()) for c in cycles for b in c.questionnaire.parsed.bands}
    statuses = [(s, label) for s, label in ResponseStatus.choices if s in REVIEW_STATUSES]
    return {
        "year": [(c.year, str(c.year)) for c in cycles],
        "status": everything + statuses,
        "ministry": everything + [(m.code, m.name) for m in Ministry.objects.order_by("code")],
        "kind": everything + list(AgencyKind.choices),
        "band": everything + list(bands.items()),
        "sort": [(s, s) for s in QUEUE_SORTS],
    }


@login_required
def review_response(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    context = _review_context(response)
    pillar, shown = request.GET.get("pillar", "")[:100], request.GET.get("show", "")
    if pillar:
        context["pillars"] = [p for p in context["pillars"] if p["node"].code == pillar]
    if shown in SHOW_FILTERS:
        for p in context["pillars"]:
            p["items"] = [item for item in p["items"] if SHOW_FILTERS[shown](item)]
    context.update(shown_pillar=pillar, shown=shown, all_pillars=response.questionnaire.parsed.pillars)
    return render(request, "surveys/review_response.html", context)


# The review page's filters: questions with files waiting, adjusted, commented.
SHOW_FILTERS = {
    "waiting": lambda item: any(f.review_state == "pending" for f in item["evidence"]),
    "adjusted": lambda item: item["adjustment"] is not None,
    "commented": lambda item: bool(item["comments"]),
}


def _review_context(response) -> dict:
    definition = response.questionnaire.parsed
    lang = get_language() or "th"
    stored = score_card_of(response=response)
    card = ScoreCard.from_dict(stored.card) if stored else None
    explained = {}
    if card is not None:
        for pillar in card_lines(definition, card, lang):
            for line in [*pillar.questions, *(q for ind in pillar.indicators for q in ind.questions)]:
                explained[line.code] = line
    answers = answers_with_authors(response=response)
    previous = previous_answers(response=response)
    evidence = evidence_by_question(response=response)
    comments = review_comments_by_question(response=response)
    adjustments = adjustments_by_question(response=response)
    pillars = [
        {
            "node": pillar,
            "items": [
                {
                    "q": q,
                    "answer": answers.get(q.code),
                    "previous": previous.get(q.code),
                    "line": explained.get(q.code),
                    "evidence": evidence.get(q.code, []),
                    "comments": comments.get(q.code, []),
                    "adjustment": adjustments.get(q.code),
                }
                for q in pillar.all_questions()
            ],
        }
        for pillar in definition.pillars
    ]
    status = Status(response.status)
    return {
        "response": response,
        "stored": stored,
        "card": card,
        "band": definition.band_for(card.total) if card else None,
        "pillars": pillars,
        "actions": [a for a in REVIEW_ACTIONS if status in TRANSITIONS[a].sources],
        "reviewable": response.status in review.REVIEWABLE,
        "proposals": list(proposals_waiting(response=response)),
        "previewable": PREVIEWABLE,
        "lang": lang,
    }


def _back(response, code: str = "") -> HttpResponse:
    url = reverse("surveys:review_response", args=[response.public_id])
    return redirect(f"{url}#q-{code}" if code else url)


def _refuse(request: HttpRequest, exc: TransitionError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    messages.error(request, transition_error_message(exc))


@login_required
@require_POST
def review_evidence(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    require_reviewer(request.user)
    evidence = get_object_or_404(Evidence.objects.select_related("response"), public_id=public_id)
    response = response_for_user(request.user, evidence.response.public_id)
    form = EvidenceReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(response, evidence.question_code)
    try:
        review.evidence_review(
            evidence=evidence,
            state=form.cleaned_data["state"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except TransitionError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Evidence decision saved; the score is being recomputed."))
    return _back(response, evidence.question_code)


def _question_or_404(response, code: str):
    question = response.questionnaire.parsed.questions_by_code.get(code)
    if question is None:
        raise Http404
    return question


@login_required
@require_POST
def review_adjust(request: AuthenticatedHttpRequest, public_id, question_code: str) -> HttpResponse:
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    question = _question_or_404(response, question_code)
    if not question.is_scored:
        raise Http404
    try:
        if request.POST.get("remove"):
            review.score_adjustment_remove(
                response=response, question_code=question_code, reason=request.POST.get("reason", ""),
                by=request.user,
            )  # fmt: skip
            messages.success(request, _("Adjustment removed; the score is being recomputed."))
            return _back(response, question_code)
        form = AdjustmentForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return _back(response, question_code)
        score = float(form.cleaned_data["percent"] / Decimal(100))
        done = review.score_adjust(
            response=response, question_code=question_code, score=score, reason=form.cleaned_data["reason"],
            by=request.user,
        )  # fmt: skip
    except TransitionError as exc:
        _refuse(request, exc)
    else:
        if isinstance(done, ReviewProposal):
            messages.info(request, _("A large change: it counts once a second reviewer confirms it."))
        else:
            messages.success(request, _("Score adjusted; the score is being recomputed."))
    return _back(response, question_code)


@login_required
@require_POST
def review_comment(request: AuthenticatedHttpRequest, public_id, question_code: str) -> HttpResponse:
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    _question_or_404(response, question_code)
    form = ReviewCommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write the comment."))
        return _back(response, question_code)
    try:
        review_comment_add(
            response=response, question_code=question_code, body=form.cleaned_data["body"], by=request.user
        )
    except TransitionError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Comment saved: the agency sees it beside the question."))
    return _back(response, question_code)


@login_required
@require_POST
def review_action(request: AuthenticatedHttpRequest, public_id, action: str) -> HttpResponse:
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    if action not in REVIEW_ACTIONS:
        raise Http404
    try:
        done = review_decide(
            response=response, action=action, by=request.user, comment=request.POST.get("comment", "")
        )
    except TransitionError as exc:
        _refuse(request, exc)
    else:
        if isinstance(done, ReviewProposal):
            messages.info(
                request, _("The scores were adjusted: a second reviewer must confirm this decision.")
            )
        else:
            status = done.get_status_display()
            messages.success(request, _("Done: the response is now “%(status)s”.") % {"status": status})
    return _back(response)


@login_required
@require_POST
def review_confirm(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Four eyes: a second reviewer confirms a change another reviewer proposed."""
    require_reviewer(request.user)
    proposal = get_object_or_404(ReviewProposal.objects.select_related("response"), pk=proposal_id)
    response = response_for_user(request.user, proposal.response.public_id)
    try:
        proposal_confirm(proposal=proposal, by=request.user)
    except TransitionError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _("Confirmed: the change now counts."))
    return _back(response)
