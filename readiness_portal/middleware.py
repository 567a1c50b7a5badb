"""Site-wide middleware: limits on what a request carries, compression of pages, the language (Thai
unless the visitor chose otherwise), session limits, the Content Security Policy, no caching of
signed-in pages."""

import time
from collections.abc import Callable
from urllib.parse import unquote

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user, logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from agencies import roles


class PortalAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's, with the person the request is from marked so that their memberships are read
    once for the whole request (agencies.roles.for_one_request): the object rules, the page and
    the navigation each ask for them."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: roles.for_one_request(get_user(request)))  # type: ignore[assignment]


class RequestLimitsMiddleware:
    """Refuse, before anything reads the body: a body declared larger than REQUEST_MAX_BYTES
    (413; a 2 GB upload is not streamed to disk to be refused afterwards), and a NUL byte in the
    path or the query string (400; PostgreSQL cannot hold one in text, and no page needs it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Bad Content-Length", content_type="text/plain")
        if declared > settings.REQUEST_MAX_BYTES:
            return HttpResponse("Request body too large", status=413, content_type="text/plain")
        query = unquote(request.META.get("QUERY_STRING", ""))
        if "\x00" in query or "\x00" in request.path:
            if request.path.startswith("/api/"):  # as the API's schema documents its 400 (api/schemas.py)
                return JsonResponse({"detail": "NUL byte in the address"}, status=400)
            return HttpResponseBadRequest("NUL byte in the address", content_type="text/plain")
        return self.get_response(request)


class PageCompressionMiddleware(GZipMiddleware):
    """Pages and data (HTML, JSON, CSV, text) are gzipped for a browser that accepts it; files
    (evidence, XLSX and ZIP exports, already compressed) pass as they are. Static files never
    reach it: WhiteNoise, before it, answers them with its precompressed copies. Django's gzip
    pads each response with random bytes against BREACH-style guessing of the CSRF token."""

    COMPRESSED_TYPES = ("text/", "application/json", "application/problem+json", "image/svg+xml")

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(self.COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)


class NoStoreMiddleware:
    """A page for a signed-in person is kept by no browser or proxy cache: after sign-out, the
    back button or the next person at the computer finds nothing (Cache-Control: no-store); and
    signing out tells the browser to clear what the site kept (Clear-Site-Data)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        match = request.resolver_match
        if match is not None and match.url_name == "logout" and request.method == "POST":
            # The browser forgets what this site kept: answers kept on the device, cached pages.
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response


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
