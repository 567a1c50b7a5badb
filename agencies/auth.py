"""Sign-in helpers: e-mail addresses are sign-in names, compared without case."""

from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The name django-axes counts failures against: the e-mail as typed, lower-cased."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return raw.strip().lower()
