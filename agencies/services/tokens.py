"""Personal API tokens: created (the secret shown once, its SHA-256 kept), revoked, and looked up
when a machine client presents one. Creating and revoking are audited."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agencies import roles
from agencies.audit import audit_log
from agencies.models import ApiScope, ApiToken, User

SECRET_PREFIX = "rp_"  # noqa: S105 - the visible start of every secret, not a secret
# Refresh last_used_at at most this often: no database write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def scopes_allowed(user: User) -> list[str]:
    """The scopes a person may give their tokens: admin only to those who see every agency."""
    allowed = [ApiScope.READ.value, ApiScope.ANSWER.value]
    if roles.sees_all_agencies(user):
        allowed.append(ApiScope.ADMIN.value)
    return allowed


def token_create(*, user: User, name: str, scopes: Iterable[str], days: int) -> tuple[ApiToken, str]:
    """A new token and its secret (returned once, never stored)."""
    chosen = sorted(set(scopes))
    if not chosen or not set(chosen) <= set(scopes_allowed(user)):
        raise ValueError(f"scopes not allowed: {chosen}")
    if not 1 <= days <= 366:
        raise ValueError("a token lives 1 to 366 days")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[:10],
            digest=digest_of(secret),
            scopes=chosen,
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_log(actor=user, action="api_token.create", target=token, after={"name": name, "scopes": chosen})
    return token, secret


def token_revoke(*, token: ApiToken, by: User) -> None:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_log(actor=by, action="api_token.revoke", target=locked, before=locked.name)


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret, its owner active; None for an unknown, revoked or expired one."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not roles.is_signed_in(token.user):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
