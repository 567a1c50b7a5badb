"""The review workbench: "my agencies" (searched, sorted), one agency's evidence queue with one
keystroke per decision (htmx: only the parts that change), bulk verify, the score as it follows,
and the DGA admin's assignments of agencies to reviewers with each reviewer's progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.http import AuthenticatedHttpRequest
from agencies.models import Agency, User
from common.paging import IdsFirst
from surveys.access import evidence_for_review, require_dga_admin, require_reviewer, response_for_user
from surveys.domain.workflow import TransitionError
from surveys.models import Cycle, Evidence, EvidenceState, Response, ReviewAssignment, ScoreState
from surveys.selectors.responses import score_card_of
from surveys.selectors.workbench import (
    WORKBENCH_SORTS,
    WorkbenchFilters,
    evidence_queue,
    next_waiting,
    queue_item,
    reviewer_progress,
    workbench_agencies,
)
from surveys.services import review
from surveys.services.assignments import agencies_to_assign, review_assign, review_unassign
from surveys.views.base import transition_error_message
from surveys.views.evidence import PREVIEWABLE
from surveys.views.workbench_forms import ministries, reviewers, workbench_filters

PER_PAGE = 50


@login_required
@require_GET
def workbench(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The agencies queue: mine first (a reviewer sees only theirs), with search and sort."""
    require_reviewer(request.user)
    cycles = list(Cycle.objects.order_by("-year"))
    filters = workbench_filters(request.GET, user=request.user, cycles=cycles)
    # The page's ids first: the counts and score the sort does not name, for the rows shown only.
    queue = IdsFirst(workbench_agencies(user=request.user, filters=filters))
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "cycles": cycles,
        "sorts": list(WORKBENCH_SORTS),
        "ministries": ministries(),
        "reviewers": reviewers(),
    }
    return render(request, "surveys/workbench.html", context)


@login_required
@require_GET
def workbench_next(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Across agencies: the next of my agencies with files waiting."""
    require_reviewer(request.user)
    cycle = Cycle.objects.order_by("-year").first()
    filters = WorkbenchFilters(cycle=cycle, mine=True, waiting_only=True)
    found = workbench_agencies(user=request.user, filters=filters).first()
    if found is None:
        messages.info(request, _("No file of your agencies is waiting for a decision."))
        return redirect("surveys:workbench")
    return redirect("surveys:workbench_queue", found.public_id)


def _queue_context(
    response: Response,
    current: Evidence | None,
    *,
    after: Evidence | None = None,
    wanted: str = "",
    error: str = "",
    note: str = "",
) -> dict:
    """The queue of one response; the file shown is `current`, else the first waiting after `after`
    (the file just decided: the one whose preview was preloaded), else the first waiting. Two
    queries: the files, then the shown file's answers and score with the card's total."""
    files = evidence_queue(response=response)
    if wanted:  # a file asked for by its public id: one of the response's, else 404
        current = next((f for f in files if str(f.public_id) == wanted), None)
        if current is None:
            raise Http404
    if current is None:
        after = next((f for f in files if after is not None and f.pk == after.pk), None)
        current = next_waiting(files, after) or (files[0] if files else None)
    else:
        current = next((f for f in files if f.pk == current.pk), current)
    item, card = queue_item(response=response, files=files, evidence=current)
    return {
        "response": response,
        "files": files,
        "item": item,
        "following": next_waiting(files, current) if current else None,
        "waiting": sum(1 for f in files if f.review_state == EvidenceState.PENDING),
        "reviewable": response.status in review.REVIEWABLE,
        "card": card,
        "previewable": PREVIEWABLE,
        "error": error,
        "note": note,
    }


@login_required
@require_GET
def workbench_queue(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """One agency's evidence queue; ?file= opens a file (an htmx request gets only the panel)."""
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    context = _queue_context(response, None, wanted=request.GET.get("file", "")[:64].lower())
    if request.headers.get("HX-Request") == "true":
        return render(request, "surveys/_workbench_item.html", context)
    return render(request, "surveys/workbench_queue.html", context)


@login_required
@require_POST
def workbench_decide(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """Verify or reject one file; answers at once with the next file (scoring follows). The file,
    its response and the right to see it come in one query; the service locks both rows and
    checks the right to review in one statement; the reply reads the files and the next one's facts."""
    require_reviewer(request.user)
    evidence = evidence_for_review(request.user, public_id)
    response = evidence.response
    state, note = request.POST.get("state", ""), request.POST.get("note", "")[:2000]
    if state not in (EvidenceState.VERIFIED, EvidenceState.REJECTED):
        raise Http404
    try:
        decided = review.evidence_review(evidence=evidence, state=state, note=note, by=request.user)
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        message = (
            _("Write a note for the agency: a rejection needs one.")
            if exc.code == "comment_required"
            else transition_error_message(exc)
        )
        context = _queue_context(response, evidence, error=message, note=note)
        # 200, not 422: htmx swaps it like any answer, and the error shows beside the note.
        return _item_reply(request, response, context)
    response = decided.response  # the locked copy
    response.score_state = ScoreState.PENDING  # the service asked for a new score: the page polls
    context = _queue_context(response, None, after=evidence)
    verb = _("Verified") if state == EvidenceState.VERIFIED else _("Rejected")
    context["announce"] = f"{verb}: {evidence.original_name}."
    context["decided"] = next(f for f in context["files"] if f.pk == evidence.pk)
    return _item_reply(request, response, context)


def _item_reply(request: AuthenticatedHttpRequest, response: Response, context: dict) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return render(request, "surveys/_workbench_decided.html", context)
    if context.get("error"):
        messages.error(request, context["error"])
    return redirect("surveys:workbench_queue", response.public_id)


@login_required
@require_POST
def workbench_bulk_verify(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """Verify the files selected in one agency's queue (each decision audited)."""
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    chosen = request.POST.getlist("files")[:500]
    try:
        files = list(Evidence.objects.filter(response=response, public_id__in=chosen))
    except Exception:  # a malformed id: nothing chosen
        files = []
    try:
        for evidence in files:
            review.evidence_review(evidence=evidence, state=EvidenceState.VERIFIED, note="", by=request.user)
    except TransitionError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, transition_error_message(exc))
    else:
        messages.success(request, _("%(n)d file(s) verified.") % {"n": len(files)})
    return redirect("surveys:workbench_queue", response.public_id)


@login_required
@require_GET
def workbench_score(request: AuthenticatedHttpRequest, public_id) -> HttpResponse:
    """The agency's score, polled by the queue page until the worker has stored the new one."""
    require_reviewer(request.user)
    response = response_for_user(request.user, public_id)
    context = {"response": response, "card": score_card_of(response=response)}
    return render(request, "surveys/_workbench_score.html", context)


@login_required
@require_GET
def workbench_assignments(request: AuthenticatedHttpRequest) -> HttpResponse:
    """DGA admins: who reviews which agencies, and each reviewer's progress."""
    require_dga_admin(request.user)
    cycle = Cycle.objects.order_by("-year").first()
    context = {
        "progress": reviewer_progress(cycle=cycle),
        "cycle": cycle,
        "ministries": ministries(),
        "reviewers": reviewers(),
        "kinds": Agency._meta.get_field("kind").choices,
        "assigned": ReviewAssignment.objects.count(),
    }
    return render(request, "surveys/workbench_assignments.html", context)


@login_required
@require_POST
def workbench_assign(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_dga_admin(request.user)
    agencies = agencies_to_assign(
        query=request.POST.get("q", "")[:200],
        ministry=request.POST.get("ministry", "")[:20],
        kind=request.POST.get("kind", "")[:12],
        codes=[c.strip() for c in request.POST.get("codes", "")[:4000].split() if c.strip()],
    )
    if request.POST.get("unassign"):
        n = review_unassign(agencies=agencies, by=request.user)
        messages.success(request, _("%(n)d agencies no longer have a reviewer.") % {"n": n})
        return redirect("surveys:workbench_assignments")
    chosen = request.POST.get("reviewer", "")
    reviewer = User.objects.filter(pk=int(chosen)).first() if chosen.isdigit() and len(chosen) < 12 else None
    if reviewer is None or not agencies.exists():
        messages.error(
            request, _("Choose a reviewer and the agencies (a ministry, a kind, a search or codes).")
        )
        return redirect("surveys:workbench_assignments")
    try:
        n = review_assign(agencies=agencies, reviewer=reviewer, by=request.user)
    except ValueError:
        messages.error(request, _("This person is not a reviewer."))
    else:
        messages.success(request, _("%(n)d agencies assigned to %(who)s.") % {"n": n, "who": reviewer})
    return redirect(reverse("surveys:workbench_assignments"))
