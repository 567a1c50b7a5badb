"""The workbench queue's query string, read and bounded: search, ministry, reviewer, sort, year."""

from __future__ import annotations

from django.http import QueryDict

from agencies import roles
from agencies.models import Ministry, User
from surveys.models import Cycle, ReviewAssignment
from surveys.selectors.workbench import WORKBENCH_SORTS, WorkbenchFilters


def workbench_filters(params: QueryDict, *, user: User, cycles: list[Cycle]) -> WorkbenchFilters:
    """Unknown values fall back to the defaults: mine first (all agencies for a DGA admin with
    none assigned), the latest cycle, most files waiting first."""
    year = params.get("year", "")
    cycle = next((c for c in cycles if str(c.year) == year), cycles[0] if cycles else None)
    reviewer = params.get("reviewer", "")
    has_own = ReviewAssignment.objects.filter(reviewer=user).exists()
    mine = params.get("mine", "1" if has_own or not roles.is_dga_admin(user) else "0") == "1"
    sort = params.get("sort", "")
    return WorkbenchFilters(
        cycle=cycle,
        mine=mine,
        query=params.get("q", "")[:200],
        ministry=params.get("ministry", "")[:20],
        reviewer=int(reviewer) if reviewer.isdigit() and len(reviewer) < 12 else None,
        waiting_only=params.get("waiting") == "1",
        sort=sort if sort in WORKBENCH_SORTS else "-waiting",
    )


def ministries() -> list[Ministry]:
    return list(Ministry.objects.order_by("code"))


def reviewers() -> list[User]:
    """The people who may be given agencies to review: reviewers and DGA admins."""
    return list(User.objects.filter(is_active=True, is_reviewer=True).order_by("full_name", "email"))
