"""Writing the audit log: call inside the transaction that makes the change."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from agencies.models import AuditEvent, User


def audit_log(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: Any = None,
    after: Any = None,
    reason: str = "",
    **extra: Any,
) -> AuditEvent:
    """Record who did what to which object, with the values before and after and why.

    Must run inside the caller's atomic block, so the row exists exactly when the change does.
    """
    event = audit_event(
        actor=actor, action=action, target=target, before=before, after=after, reason=reason, **extra
    )
    event.save()
    return event


def audit_event(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: Any = None,
    after: Any = None,
    reason: str = "",
    **extra: Any,
) -> AuditEvent:
    """The audit row `audit_log` writes, unsaved: for a caller that writes it with its change in
    one round trip (common.writes). The same rule holds: only inside the change's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must be called inside the transaction of the change")
    data = {"before": before, "after": after, "reason": reason, **extra}
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )


def roles_of(user: User) -> dict[str, Any]:
    """Everything that decides what a person may do, for before/after comparison."""
    if user.pk is None:
        return {}
    memberships = user.memberships.select_related("agency").order_by("agency__code")
    return {
        "is_active": user.is_active,
        "is_dga_admin": user.is_dga_admin,
        "is_reviewer": user.is_reviewer,
        "is_evaluator": user.is_evaluator,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "affiliation": user.affiliation.code if user.affiliation is not None else None,
        "memberships": [f"{m.agency.code}:{m.role}" for m in memberships],
    }


def audit_roles(*, actor: User | None, user: User, before: dict[str, Any], reason: str = "") -> None:
    """Log a change of a person's roles if there was one."""
    fresh = User.objects.select_related("affiliation").get(pk=user.pk)
    after = roles_of(fresh)
    if after != before:
        audit_log(actor=actor, action="user.roles", target=user, before=before, after=after, reason=reason)
