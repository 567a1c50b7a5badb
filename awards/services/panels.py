"""Panel awards: evaluators' score sheets, closing a panel."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from agencies import roles
from agencies.models import Agency, User
from awards.domain.candidates import panel_fraction
from awards.models import Category, PanelScore
from awards.selectors.panels import evaluator_conflicts, panel_shortlist
from awards.services.errors import AwardsError
from awards.services.ranking import awards_request_ranking


def panel_score_save(
    *, category: Category, agency: Agency, evaluator: User, points: Mapping[str, float], comment: str = ""
) -> PanelScore:
    """Save one evaluator's sheet for one shortlisted agency, if every rule allows it."""
    if not roles.is_evaluator(evaluator):
        raise AwardsError("forbidden", "only evaluators score panel awards")
    if evaluator_conflicts(evaluator=evaluator, agency=agency):
        raise AwardsError("conflict", "an evaluator never scores an agency of their own ministry")
    spec = category.spec
    _check_points(spec.rubric, points)
    with transaction.atomic():
        category = Category.objects.select_for_update().select_related("awards").get(pk=category.pk)
        if not category.is_panel:
            raise AwardsError("not_panel", "this category is not decided by a panel")
        if category.panel_closed_at is not None:
            raise AwardsError("closed", "the panel is closed")
        if agency.code not in panel_shortlist(category=category):
            raise AwardsError("not_shortlisted", "the agency is not on the category's shortlist")
        sheet, _ = PanelScore.objects.update_or_create(
            category=category,
            agency=agency,
            evaluator=evaluator,
            defaults={
                "points": {c.code: float(points[c.code]) for c in spec.rubric},
                "score": panel_fraction(points, spec.rubric),
                "comment": comment.strip(),
            },
        )
    return sheet


def _check_points(rubric, points: Mapping[str, float]) -> None:
    for criterion in rubric:
        value = points.get(criterion.code)
        if value is None or not 0 <= float(value) <= criterion.max:
            raise AwardsError("points", f"{criterion.code}: give 0 to {criterion.max:g} points")
    if extra := set(points) - {c.code for c in rubric}:
        raise AwardsError("points", f"unknown criteria: {sorted(extra)}")


def panel_close(*, category: Category, by: User) -> Category:
    if not roles.is_dga_admin(by):
        raise AwardsError("forbidden", "only a DGA admin closes a panel")
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category.pk)
        if not category.is_panel:
            raise AwardsError("not_panel", "this category is not decided by a panel")
        if category.panel_closed_at is None:
            category.panel_closed_at = timezone.now()
            category.save(update_fields=["panel_closed_at"])
        awards_request_ranking(awards=category.awards)
    return category
