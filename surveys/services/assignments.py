"""Assigning agencies to reviewers: one by one or in bulk (by ministry, kind or a search), by DGA
admins. Each agency has at most one reviewer; assigning again moves it. Audited in one row per call."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from agencies import roles
from agencies.audit import audit_log
from agencies.models import Agency, User
from agencies.selectors import agency_matches
from surveys.models import ReviewAssignment

# A bulk assignment touches at most this many agencies (a national assessment: ~8,300).
MAX_AGENCIES = 10_000


def agencies_to_assign(
    *, query: str = "", ministry: str = "", kind: str = "", codes: list[str] | None = None
) -> QuerySet[Agency]:
    """The agencies one assignment covers: every criterion given narrows them; none given, none."""
    if not (query.strip() or ministry or kind or codes):
        return Agency.objects.none()
    qs = Agency.objects.all()
    if query := query.strip():
        qs = qs.filter(agency_matches(query))
    if ministry:
        qs = qs.filter(ministry__code=ministry)
    if kind:
        qs = qs.filter(kind=kind)
    if codes:
        qs = qs.filter(code__in=codes)
    return qs


def review_assign(*, agencies: QuerySet[Agency], reviewer: User, by: User) -> int:
    """Give these agencies to the reviewer (a DGA admin's act); returns how many were assigned."""
    if not roles.is_dga_admin(by):
        raise PermissionDenied
    if not roles.reviews(reviewer):
        raise ValueError("only a reviewer or a DGA admin reviews agencies")
    ids = list(agencies.values_list("pk", flat=True)[: MAX_AGENCIES + 1])
    if len(ids) > MAX_AGENCIES:
        raise ValueError(f"at most {MAX_AGENCIES} agencies at once")
    with transaction.atomic():
        moved = list(
            ReviewAssignment.objects.filter(agency_id__in=ids)
            .exclude(reviewer=reviewer)
            .values_list("agency__code", "reviewer_id")
        )
        ReviewAssignment.objects.filter(agency_id__in=ids).exclude(reviewer=reviewer).delete()
        existing = set(ReviewAssignment.objects.filter(agency_id__in=ids).values_list("agency_id", flat=True))
        ReviewAssignment.objects.bulk_create(
            [
                ReviewAssignment(agency_id=i, reviewer=reviewer, assigned_by=by)
                for i in ids
                if i not in existing
            ],
            batch_size=1000,
        )
        codes = sorted(Agency.objects.filter(pk__in=ids).values_list("code", flat=True))
        audit_log(actor=by, action="review.assign", target=reviewer, after=codes, moved=moved)
    return len(ids)


def review_unassign(*, agencies: QuerySet[Agency], by: User) -> int:
    """Take these agencies from whoever reviews them."""
    if not roles.is_dga_admin(by):
        raise PermissionDenied
    with transaction.atomic():
        rows = ReviewAssignment.objects.filter(agency__in=agencies)
        before = list(rows.values_list("agency__code", "reviewer_id"))
        rows.delete()
        if before:
            audit_log(actor=by, action="review.unassign", target=by, before=before)
    return len(before)
