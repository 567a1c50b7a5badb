"""The request type of views that only signed-in people reach."""

from django.http import HttpRequest

from agencies.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind `@login_required`: its user is a `User`, never `AnonymousUser`.

    For type annotations only; Django still builds a plain `HttpRequest`.
    """

    user: User
