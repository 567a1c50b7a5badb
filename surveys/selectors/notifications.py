"""Reads for the inbox, the approver's page, the to-fix list, the deadline and the e-mail log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from agencies.models import MembershipRole, User
from surveys.models import (
    Answer,
    Evidence,
    EvidenceState,
    Notification,
    OutgoingEmail,
    Response,
    ResponseQuerySet,
    ResponseStatus,
    ReviewComment,
    ScoreAdjustment,
)


def inbox_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("response")


# The navigation shows every page's unread count: it is kept in the cache (shared by the server's
# processes through Redis) for at most a minute, and forgotten whenever it changes.
UNREAD_SECONDS = 60


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user: User) -> int:
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return int(count)


def unread_count_forget(user_ids: list[int]) -> None:
    """After a change of these people's unread notifications: forget their counts now, and again
    once the change commits (a page read in between may have kept the old count)."""
    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def emails_logged() -> QuerySet[OutgoingEmail]:
    return OutgoingEmail.objects.defer("body_text", "body_html")


def awaiting_approval_by(*, user: User) -> ResponseQuerySet:
    """The responses that wait for this person's approval, across their agencies."""
    agencies = user.memberships.filter(role=MembershipRole.APPROVER).values("agency_id")
    return (
        Response.objects.filter(agency_id__in=agencies, status=ResponseStatus.AWAITING_APPROVAL)
        .select_related("agency", "cycle")
        .defer("questionnaire__definition")
        .with_agency_deadline()
        .annotate(asked_at=Max("events__created_at"))
        .order_by("asked_at")
    )


@dataclass(frozen=True)
class Deadline:
    closes_on: date
    days_left: int  # negative once closed
    banner: bool  # within DEADLINE_BANNER_DAYS of the close date, or closed

    @property
    def closed(self) -> bool:
        return self.days_left < 0


def deadline_of(response: Response, today: date | None = None) -> Deadline | None:
    """The response's close date (its agency's extension if any) and the days left."""
    if response.cycle is None:
        return None
    today = today or timezone.localdate()
    if hasattr(response, "agency_deadline"):
        extended = response.agency_deadline
    else:
        extended = (
            response.cycle.cycletarget_set.filter(agency_id=response.agency_id)
            .values_list("deadline", flat=True)
            .first()
        )
    closes = extended or response.cycle.closes_on
    days = (closes - today).days
    return Deadline(closes, days, days <= settings.DEADLINE_BANNER_DAYS)


@dataclass(frozen=True)
class TodoItem:
    kind: str  # comment | evidence | adjustment
    question_code: str
    pillar_code: str
    text: str  # the comment, the reviewer's note or the reason
    file: str
    at: datetime
    done: bool
    link: str


def _pillar_of(response: Response) -> dict[str, str]:
    found: dict[str, str] = {}
    for pillar in response.questionnaire.parsed.pillars:
        for question in pillar.all_questions():
            found[question.code] = pillar.code
    return found


def todo_of(*, response: Response) -> list[TodoItem]:
    """Everything DGA asked of the agency: comments on questions, rejected files with their
    notes, adjusted scores with their reasons. An item is done once the agency changed that
    answer or uploaded a file for that question after DGA wrote it."""
    pillars = _pillar_of(response)
    changed: dict[str, datetime] = dict(
        Answer.objects.filter(response=response).values_list("question_code", "updated_at")
    )
    for code, at in (
        Evidence.objects.filter(response=response)
        .values("question_code")
        .annotate(at=Max("uploaded_at"))
        .values_list("question_code", "at")
    ):
        if code not in changed or at > changed[code]:
            changed[code] = at

    def item(kind: str, code: str, text: str, at: datetime, file: str = "") -> TodoItem:
        pillar = pillars.get(code, "")
        link = ""
        if pillar:
            link = reverse("surveys:pillar", args=[response.public_id, pillar]) + f"#q-{code}"
        done = code in changed and changed[code] > at
        return TodoItem(kind, code, pillar, text, file, at, done, link)

    items = [
        item("comment", c.question_code, c.body, c.created_at)
        for c in ReviewComment.objects.filter(response=response).order_by("created_at", "pk")
    ]
    items += [
        item("evidence", e.question_code, e.review_note, e.reviewed_at or e.uploaded_at, e.original_name)
        for e in Evidence.objects.filter(response=response, review_state=EvidenceState.REJECTED)
    ]
    items += [
        item("adjustment", a.question_code, a.reason, a.at)
        for a in ScoreAdjustment.objects.filter(response=response)
    ]
    return sorted(items, key=lambda i: (i.pillar_code, i.question_code, i.at))


def open_todo_pillars(items: list[TodoItem]) -> set[str]:
    return {i.pillar_code for i in items if not i.done}
