"""A DGA admin reminds the non-responders of a group or ministry: preview, then send."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agencies.http import AuthenticatedHttpRequest
from agencies.models import AgencyKind, Ministry
from surveys.access import require_dga_admin
from surveys.models import Cycle
from surveys.services.reminders import group_reminders_plan, group_reminders_send, last_reminded


@login_required
def cycle_reminders(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    require_dga_admin(request.user)
    cycle = get_object_or_404(Cycle, year=year)
    data = request.POST if request.method == "POST" else request.GET
    group, ministry = data.get("group") or "", data.get("ministry") or ""
    if group and group not in AgencyKind.values:
        raise Http404
    targets = cycle.targets.all()
    if group:
        targets = targets.filter(kind=group)
    if ministry:
        targets = targets.filter(ministry__code=ministry)
    agency_ids = list(targets.values_list("pk", flat=True))
    if request.method == "POST":
        sent = group_reminders_send(agency_ids=agency_ids, by=request.user)
        messages.success(request, _("%(count)s reminder(s) sent.") % {"count": len(sent)})
        query = urlencode({k: v for k, v in (("group", group), ("ministry", ministry)) if v})
        return redirect(f"{request.path}?{query}" if query else request.path)
    planned = group_reminders_plan(agency_ids=agency_ids)
    by_agency: dict[int, list] = {}
    for item in planned:
        by_agency.setdefault(item.agency.pk, []).append(item)
    reminded = last_reminded(list(by_agency))
    rows = [(items[0].response, items, reminded.get(pk)) for pk, items in by_agency.items()]
    context = {
        "cycle": cycle,
        "rows": rows,
        "people": len({i.user.pk for i in planned}),
        "group": group,
        "ministry": ministry,
        "groups": AgencyKind.choices,
        "ministries": Ministry.objects.order_by("code"),
    }
    return render(request, "surveys/reminders.html", context)
