"""Thai unless the visitor chose otherwise."""

import time
from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class PortalLanguageMiddleware:
    """Activate the language chosen with the switch (its cookie), else Thai.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: many
    officers' browsers are set to English, and the portal's first language is Thai.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class SessionLimitsMiddleware:
    """Idle and absolute limits for signed-in sessions.

    Django's session cookie age is the idle limit, counted from the last save; refreshing
    the session at most once a minute keeps that true without a database write per request.
    The absolute limit counts from sign-in.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault("auth_started", now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Your session has ended; please sign in again."))
                return redirect_to_login(request.get_full_path())
            if now - request.session.get("auth_seen", 0) >= self.REFRESH_SECONDS:
                request.session["auth_seen"] = now  # marks the session modified: expiry moves on
        return self.get_response(request)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own (styles relaxed) policy under CSP_ADMIN_PREFIX."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PREFIX)
        ):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        return parts
