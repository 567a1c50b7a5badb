"""Cycles: opened for a questionnaire per target group and its target agencies; deadlines extended
per agency."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from agencies import roles
from agencies.audit import audit_log
from agencies.models import Agency, AgencyKind, User
from surveys.domain.workflow import TransitionError
from surveys.models import (
    Cycle,
    CycleQuestionnaire,
    CycleTarget,
    Questionnaire,
    Response,
)
from surveys.services import notifications


def cycle_open(
    *,
    year: int,
    questionnaire: Questionnaire,
    opens_on: date,
    closes_on: date,
    agencies: list[Agency],
    groups: dict[str, Questionnaire] | None = None,
) -> Cycle:
    """Create or update a cycle, its targets, and a not-started response for every target.

    `questionnaire` is the main one; `groups` maps an agency kind to the questionnaire its
    agencies answer (a kind left out answers the main one). A target that already has a response
    keeps it, so a group's questionnaire cannot change under answers already given. A questionnaire
    with no question to answer is refused (ValueError)."""
    groups = groups or {}
    for answered in (questionnaire, *groups.values()):
        if not answered.parsed.has_questions:
            raise ValueError(
                f"questionnaire {answered.code!r} has no question to answer: it cannot open a cycle"
            )
    with transaction.atomic():
        cycle, _ = Cycle.objects.update_or_create(
            year=year,
            defaults={"questionnaire": questionnaire, "opens_on": opens_on, "closes_on": closes_on},
        )
        for kind in AgencyKind.values:
            CycleQuestionnaire.objects.update_or_create(
                cycle=cycle, group=kind, defaults={"questionnaire": groups.get(kind, questionnaire)}
            )
        CycleTarget.objects.bulk_create(
            [CycleTarget(cycle=cycle, agency=a) for a in agencies], ignore_conflicts=True
        )
        answering = set(Response.objects.filter(cycle=cycle).values_list("agency_id", flat=True))
        Response.objects.bulk_create(
            [
                Response(agency=a, questionnaire=groups.get(a.kind, questionnaire), cycle=cycle)
                for a in agencies
                if a.pk not in answering
            ],
            ignore_conflicts=True,
        )
    return cycle


def cycle_scores_release(*, cycle: Cycle, visible: bool, by: User) -> Cycle:
    """Show (or hide again) each agency's score card to its people; showing notifies them."""
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA releases score cards")
    with transaction.atomic():
        before = Cycle.objects.select_for_update().get(pk=cycle.pk).scores_visible_to_agencies
        Cycle.objects.filter(pk=cycle.pk).update(scores_visible_to_agencies=visible)
        audit_log(actor=by, action="scores.release", target=cycle, before=before, after=visible)
        if visible and not before:
            notifications.on_scores_released(cycle_id=cycle.pk)
    cycle.scores_visible_to_agencies = visible
    return cycle


def cycle_target_extend(*, target: CycleTarget, until: date, by: User) -> CycleTarget:
    """Give one agency until `until` (inclusive) to submit."""
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA extends deadlines")
    if until < target.cycle.opens_on:
        raise ValueError("an extension cannot end before the cycle opens")
    with transaction.atomic():
        before = CycleTarget.objects.select_for_update().get(pk=target.pk).deadline
        CycleTarget.objects.filter(pk=target.pk).update(deadline=until)
        audit_log(
            actor=by, action="deadline.extend", target=target, before=str(before) if before else None,
            after=str(until), agency=target.agency.code,
        )  # fmt: skip
        response = Response.objects.filter(cycle_id=target.cycle_id, agency_id=target.agency_id).first()
        notifications.on_deadline_extended(agency=target.agency, until=until, response=response)
    target.deadline = until
    return target
