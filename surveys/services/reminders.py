"""Reminders: the officers and approvers of every target agency that has not submitted, on the
configured days before its close date (REMINDER_DAYS), and the approvers of responses waiting
for approval longer than REMINDER_APPROVAL_AFTER_DAYS; and a DGA admin's reminder to the
non-responders of a group of agencies. At most one reminder of a kind per person per day: the
Reminder row is unique on (person, kind, day), so two runs at once send one each between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from agencies import roles
from agencies.audit import audit_log
from agencies.models import Agency, User
from surveys.domain.workflow import TransitionError
from surveys.models import NotificationKind, Reminder, Response, ResponseEvent, ResponseStatus
from surveys.services.notifications import agency_facts, agency_people, approvers_of, notify

# Not yet with DGA: what a deadline reminder is about.
UNSUBMITTED = (
    ResponseStatus.NOT_STARTED,
    ResponseStatus.DRAFT,
    ResponseStatus.AWAITING_APPROVAL,
    ResponseStatus.RETURNED,
)


@dataclass(frozen=True)
class PlannedReminder:
    user: User
    kind: str
    response: Response
    closes_on: date
    days_left: int

    @property
    def agency(self) -> Agency:
        return self.response.agency


def closes_on(response: Response) -> date:
    """The response's close date: its agency's extension, else the cycle's (with_agency_deadline)."""
    cycle = response.cycle
    if cycle is None:
        raise ValueError("a response outside any cycle has no close date")
    return getattr(response, "agency_deadline", None) or cycle.closes_on


def _open_unsubmitted(today: date, agency_ids: list[int] | None = None) -> list[Response]:
    qs = (
        Response.objects.filter(cycle__opens_on__lte=today, status__in=UNSUBMITTED)
        .select_related("agency", "cycle")
        .defer("questionnaire__definition")
        .with_agency_deadline()
        .order_by("agency__code")
    )
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return [r for r in qs if closes_on(r) >= today]


def reminders_due(*, today: date | None = None) -> list[PlannedReminder]:
    """Who should be reminded of what today (one line per person and kind)."""
    today = today or timezone.localdate()
    planned: dict[tuple[int, str], PlannedReminder] = {}
    for response in _open_unsubmitted(today):
        days = (closes_on(response) - today).days
        if days in settings.REMINDER_DAYS:
            for user in agency_people(response.agency_id):
                key = (user.pk, NotificationKind.DEADLINE_REMINDER)
                planned.setdefault(key, PlannedReminder(user, key[1], response, closes_on(response), days))
    waited = timezone.now() - timedelta(days=settings.REMINDER_APPROVAL_AFTER_DAYS)
    for response in _open_unsubmitted(today):
        if response.status != ResponseStatus.AWAITING_APPROVAL:
            continue
        asked = (
            ResponseEvent.objects.filter(response=response, to_status=ResponseStatus.AWAITING_APPROVAL)
            .aggregate(at=Max("created_at"))
            .get("at")
        )
        if asked is not None and asked <= waited:
            days = (closes_on(response) - today).days
            for user in approvers_of(response.agency_id):
                key = (user.pk, NotificationKind.APPROVAL_REMINDER)
                planned.setdefault(key, PlannedReminder(user, key[1], response, closes_on(response), days))
    return sorted(planned.values(), key=lambda p: (p.agency.code, p.user.email, p.kind))


def reminders_send(
    *, planned: list[PlannedReminder], today: date | None = None, by: User | None = None
) -> list[PlannedReminder]:
    """Send each planned reminder unless that person already had one of its kind today.
    Returns those sent by this call."""
    today = today or timezone.localdate()
    sent: list[PlannedReminder] = []
    for item in planned:
        try:
            with transaction.atomic():
                Reminder.objects.create(user=item.user, kind=item.kind, day=today, agency=item.agency)
                notify(
                    users=[item.user],
                    kind=item.kind,
                    params={
                        **agency_facts(item.agency),
                        "days": item.days_left,
                        "closes_on": item.closes_on.isoformat(),
                    },
                    link=reverse("surveys:response", args=[item.response.public_id]),
                    response=item.response,
                )
                if by is not None:
                    audit_log(actor=by, action="reminder.send", target=item.response, user=item.user.email)
        except IntegrityError:
            continue  # reminded already today (perhaps by a run at the same moment)
        sent.append(item)
    return sent


def group_reminders_plan(*, agency_ids: list[int], today: date | None = None) -> list[PlannedReminder]:
    """A DGA admin's reminder to the non-responders among these agencies: their officers and
    approvers (those already reminded today are left out when sending)."""
    today = today or timezone.localdate()
    planned: list[PlannedReminder] = []
    for response in _open_unsubmitted(today, agency_ids):
        days = (closes_on(response) - today).days
        for user in agency_people(response.agency_id):
            planned.append(
                PlannedReminder(user, NotificationKind.DEADLINE_REMINDER, response, closes_on(response), days)
            )
    return planned


def group_reminders_send(*, agency_ids: list[int], by: User) -> list[PlannedReminder]:
    if not roles.is_dga_admin(by):
        raise TransitionError("forbidden", "only DGA sends reminders")
    return reminders_send(planned=group_reminders_plan(agency_ids=agency_ids), by=by)


def last_reminded(agency_ids: list[int]) -> dict[int, object]:
    """When each agency's people were last reminded (agency id → time)."""
    rows = (
        Reminder.objects.filter(agency_id__in=agency_ids)
        .values("agency_id")
        .annotate(at=Max("created_at"))
        .values_list("agency_id", "at")
    )
    return dict(rows)
