"""Notifications: written to the inbox in the same transaction as the event, e-mailed by a
Celery task once it commits; every e-mail logged, claimed before sending, retried on failure.

`notify` is the one writer; the event services (transitions, review, cycles, scores, awards
publication) call it. `email_send` is what the task runs: it claims the row with a
conditional UPDATE (pending or failed → sending), so a duplicated or redelivered task sends
nothing more; a failure is stored with its error and `emails_retry` (celery beat, or
`manage.py send_reminders`) sends it again later, up to EMAIL_MAX_ATTEMPTS tries.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from agencies.models import Agency, Membership, MembershipRole, User
from agencies.selectors import names_of_year
from common.queue import enqueue
from surveys.models import (
    EmailState,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Response,
)
from surveys.notices import notice_body, notice_subject
from surveys.selectors.notifications import todo_of, unread_count_forget
from surveys.selectors.responses import responses_named

logger = logging.getLogger(__name__)

SEND_TASK = "surveys.tasks.send_email_task"


def agency_facts(agency: Agency, year: int | None = None) -> dict[str, Any]:
    """The agency's names as a notification keeps them: those in force during the cycle of `year`
    (B.E.) when given, else those it bears now (or was given by agencies.selectors.names_as_of)."""
    if year is not None:
        names_of_year([agency], year)
    named: Any = agency.name_then or agency
    return {"agency": {"th": named.name_th, "en": named.name_en or named.name_th}}


def agency_people(agency_id: int, roles: Iterable[str] | None = None) -> list[User]:
    """The active officers and/or approvers of one agency."""
    members = Membership.objects.filter(agency_id=agency_id, user__is_active=True)
    if roles is not None:
        members = members.filter(role__in=list(roles))
    return list(User.objects.filter(pk__in=members.values("user_id")).order_by("pk"))


def approvers_of(agency_id: int) -> list[User]:
    return agency_people(agency_id, [MembershipRole.APPROVER])


def settings_of(user: User) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def notification_settings_save(*, user: User, language: str, email_off: list[str]) -> NotificationSettings:
    with transaction.atomic():
        saved, _ = NotificationSettings.objects.update_or_create(
            user=user, defaults={"language": language, "email_off": sorted(set(email_off))}
        )
    return saved


def notify(
    *,
    users: Iterable[User],
    kind: str,
    params: dict[str, Any],
    link: str = "",
    response: Response | None = None,
) -> list[Notification]:
    """One inbox item for each person, and an e-mail for those who did not turn this kind off.
    Call inside the event's transaction: the e-mails are sent once it commits."""
    made: list[Notification] = []
    emails: list[int] = []
    recipients = {u.pk: u for u in users if u.is_active}
    if not recipients:
        return made
    with transaction.atomic():
        for user in recipients.values():
            item = Notification.objects.create(
                recipient=user, kind=kind, params=params, link=link, response=response
            )
            made.append(item)
            prefs = settings_of(user)
            if user.email and kind not in prefs.email_off:
                emails.append(_email_create(item, user, prefs.language).pk)
        if emails:
            transaction.on_commit(lambda: _enqueue_all(emails))
        unread_count_forget(list(recipients))
    return made


def _email_create(item: Notification, user: User, language: str) -> OutgoingEmail:
    url = f"{settings.PORTAL_BASE_URL.rstrip('/')}{item.link}" if item.link else settings.PORTAL_BASE_URL
    with translation.override(language):
        subject = notice_subject(item.kind, item.params)
        body = notice_body(item.kind, item.params)
        context = {"subject": subject, "body": body, "url": url, "user": user}
        text = render_to_string("surveys/email/notification.txt", context)
        html = render_to_string("surveys/email/notification.html", context)
    return OutgoingEmail.objects.create(
        notification=item,
        to=user.email,
        kind=item.kind,
        subject=subject[:300],
        body_text=text,
        body_html=html,
    )


def _enqueue_all(ids: list[int]) -> None:
    for pk in ids:
        if not enqueue(SEND_TASK, pk):
            return  # the broker is down: the e-mails stay pending; emails_retry sends them later


def email_send(*, email_id: int, claim: str | None = None) -> OutgoingEmail | None:
    """Send one logged e-mail unless it is already sent or being sent; store the outcome."""
    claim = claim or uuid.uuid4().hex
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        Q(state__in=[EmailState.PENDING, EmailState.FAILED]),
        pk=email_id,
        attempts__lt=settings.EMAIL_MAX_ATTEMPTS,
    ).update(state=EmailState.SENDING, claim=claim, attempts=F("attempts") + 1, tried_at=now)
    if not claimed:
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        connection=get_connection(fail_silently=False),
    )
    message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # any failure of the mail server is stored and retried
        logger.warning("e-mail %s to %s failed: %s", email.pk, email.to, exc)
        OutgoingEmail.objects.filter(pk=email.pk, claim=claim).update(
            state=EmailState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
    else:
        OutgoingEmail.objects.filter(pk=email.pk, claim=claim).update(
            state=EmailState.SENT, sent_at=timezone.now(), error=""
        )
    email.refresh_from_db()
    return email


def emails_retry(*, now: Any = None) -> int:
    """Send again the failed e-mails (after EMAIL_RETRY_AFTER seconds) and the ones still
    waiting (the broker was down). Returns how many were handed to the queue."""
    now = now or timezone.now()
    due = now - timedelta(seconds=settings.EMAIL_RETRY_AFTER)
    ids = list(
        OutgoingEmail.objects.filter(
            Q(state=EmailState.FAILED, tried_at__lte=due) | Q(state=EmailState.PENDING, created_at__lte=due),
            attempts__lt=settings.EMAIL_MAX_ATTEMPTS,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    sent = 0
    for pk in ids:
        if not enqueue(SEND_TASK, pk):
            break
        sent += 1
    return sent


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark some (or all) of a person's unread notifications read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    marked = unread.update(read_at=timezone.now())
    unread_count_forget([user.pk])
    return marked


# ---- the events: each called by its service inside the event's transaction ----

TRANSITION_KINDS = {
    "request_approval": "approval_requested",
    "withdraw": "approval_withdrawn",
    "approve": "submitted",
    "return": "returned",
    "accept": "accepted",
}


def _response_link(response: Response, name: str = "surveys:response") -> str:
    return reverse(name, args=[response.public_id])


def on_transition(*, response: Response, action: str, by: User, comment: str) -> None:
    """Approval requested or withdrawn → the agency's approvers; submitted, returned (with the
    to-fix list), accepted → its officers and approvers."""
    kind = TRANSITION_KINDS.get(action)
    if kind is None:
        return
    params: dict[str, Any] = {
        **agency_facts(response.agency, response.year),
        "actor": str(by),
        "comment": comment.strip(),
    }
    link = _response_link(response)
    if kind == "approval_requested":
        users = approvers_of(response.agency_id)
        link = reverse("surveys:approvals")
    elif kind == "approval_withdrawn":
        users = approvers_of(response.agency_id)
    else:
        users = agency_people(response.agency_id)
    if kind == "returned":
        params["todo"] = [f"{i.question_code}: {i.text}" for i in todo_of(response=response) if not i.done]
        link = _response_link(response, "surveys:todo")
    notify(users=[u for u in users if u.pk != by.pk], kind=kind, params=params, link=link, response=response)


def on_comment(*, response: Response, question_code: str, body: str, by: User) -> None:
    params = {
        **agency_facts(response.agency, response.year),
        "question": question_code,
        "comment": body,
        "actor": str(by),
    }
    link = _response_link(response, "surveys:todo")
    notify(
        users=agency_people(response.agency_id), kind="comment", params=params, link=link, response=response
    )


def on_evidence_rejected(*, response: Response, question_code: str, file: str, note: str, by: User) -> None:
    params = {
        **agency_facts(response.agency, response.year),
        "question": question_code,
        "file": file,
        "note": note,
    }
    link = _response_link(response, "surveys:todo")
    notify(
        users=agency_people(response.agency_id), kind="evidence_rejected", params=params, link=link,
        response=response,
    )  # fmt: skip


def on_deadline_extended(*, agency: Agency, until: Any, response: Response | None) -> None:
    params = {**agency_facts(agency), "date": until.isoformat(), "closes_on": until.isoformat()}
    link = _response_link(response) if response else ""
    notify(
        users=agency_people(agency.pk), kind="deadline_extended", params=params, link=link, response=response
    )


def on_scores_released(*, cycle_id: int) -> int:
    """Each target agency's people: their score card can now be read."""
    count = 0
    responses = list(Response.objects.filter(cycle_id=cycle_id).select_related("agency", "cycle"))
    responses_named(responses)
    for response in responses:
        link = _response_link(response, "surveys:score_card")
        people = agency_people(response.agency_id)
        facts = agency_facts(response.agency)
        made = notify(users=people, kind="scores_released", params=facts, link=link, response=response)
        count += len(made)
    return count


def on_award_published(*, title_th: str, title_en: str, link: str, agency_ids: list[int]) -> int:
    """The people of the agencies ranked in a published award category."""
    users = User.objects.filter(memberships__agency_id__in=agency_ids, is_active=True).distinct()
    params = {"category": {"th": title_th, "en": title_en or title_th}}
    return len(notify(users=list(users), kind="award_published", params=params, link=link))
