"""Who calls the API: a personal token (Authorization: Bearer …) or the browser's session, and
what the call may do (the token's scopes); rate limits per token and per address."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from agencies import roles
from agencies.models import ApiScope, User
from agencies.services.tokens import scopes_allowed, token_authenticate
from surveys import access
from surveys.models import Response

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    """A personal API token: the request acts as its owner, within its scopes."""

    openapi_description = "A personal API token, created on the portal's API tokens page."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class PortalSessionAuth(SessionAuth):
    """The browser's session (the browsable docs), with every scope its person may hold."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and roles.is_signed_in(user) else None


def caller(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # the API's authentication let nobody else through
        raise PermissionDenied
    return user


def scopes_of(request: HttpRequest) -> list[str]:
    token = getattr(request, "api_token", None)
    return list(token.scopes) if token is not None else scopes_allowed(caller(request))


def require_scope(request: HttpRequest, scope: ApiScope) -> User:
    """The caller, if the token carries the scope; 403 otherwise."""
    if scope not in scopes_of(request):
        raise PermissionDenied
    return caller(request)


def visible_responses(request: HttpRequest, scope: ApiScope = ApiScope.READ) -> QuerySet[Response]:
    """The responses the caller may see: access.responses_visible_to, narrowed to their own
    agencies unless the token carries the admin scope; 403 without the scope the call needs."""
    user = require_scope(request, scope)
    found = access.responses_visible_to(user)
    if ApiScope.ADMIN not in scopes_of(request):
        found = found.filter(agency_id__in=roles.member_agency_ids(user))
    return found


def response_of(request: HttpRequest, public_id: Any, scope: ApiScope = ApiScope.READ) -> Response:
    """The response if the caller may see it (access.response_for_user, same narrowing); 404 otherwise."""
    response = access.response_for_user(require_scope(request, scope), public_id)
    if not visible_responses(request, scope).filter(pk=response.pk).exists():
        raise Http404
    return response


def require_all_agencies(request: HttpRequest) -> User:
    """Reads across every agency: the admin scope and access.require_all_agencies_reader (403)."""
    user = require_scope(request, ApiScope.ADMIN)
    access.require_all_agencies_reader(user)
    return user


class SettingsRateThrottle(SimpleRateThrottle):
    """ninja's cache-backed throttle, its rate read from a setting at each request."""

    setting = ""

    def __init__(self) -> None:
        super().__init__(getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request)
        except Exception:  # the cache (Redis) is down: serve unlimited rather than fail every call
            logger.warning("API rate limit not counted: the cache is unavailable", exc_info=True)
            return True


class TokenThrottle(SettingsRateThrottle):
    """API_RATE_PER_TOKEN requests per token (a session counts as its person)."""

    scope = "token"
    setting = "API_RATE_PER_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "api_token", None)
        if token is not None:
            ident = f"t{token.pk}"
        elif roles.is_signed_in(getattr(request, "user", None)):
            ident = f"u{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AddressThrottle(SettingsRateThrottle):
    """API_RATE_PER_ADDRESS requests per client address, whoever calls."""

    scope = "address"
    setting = "API_RATE_PER_ADDRESS"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
