"""The API's first version: one NinjaAPI with the portal's authentication, rate limits, errors
(the same statuses as the pages) and conditional GET (ETag, 304)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from ninja import NinjaAPI, Swagger

from api import awards, opendata, registry, responses
from api.auth import AddressThrottle, PortalSessionAuth, TokenAuth, TokenThrottle
from surveys.domain.workflow import TransitionError


class PortalAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            set_response_etag(response)
            conditional = get_conditional_response(request, etag=response["ETag"], response=response)
            if conditional is not None:
                return conditional
        return response


api = PortalAPI(
    title="Readiness portal API",
    version="1",
    description=(
        "Cycles, agencies, questionnaires, responses and answers, evidence metadata, score cards, "
        "rankings and published results of DGA's digital-government readiness survey. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), PortalSessionAuth()],
    throttle=[TokenThrottle(), AddressThrottle()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(TransitionError)
def refused(request: HttpRequest, exc: TransitionError) -> HttpResponse:
    """As the autosave: a person without the right gets 403, a closed response or deadline 423."""
    status = 403 if exc.code == "forbidden" else 423
    return api.create_response(request, {"detail": str(exc), "code": exc.code}, status=status)


api.add_router("/", registry.router)
api.add_router("/", responses.router)
api.add_router("/", awards.router)
api.add_router("/open-data/", opendata.router)
