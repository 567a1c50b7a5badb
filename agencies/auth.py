"""Sign-in helpers: e-mail addresses are sign-in names, compared in their canonical form."""

from django.http import HttpRequest

from common.identifiers import normalise_identifier


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The name django-axes counts failures against: the address in the canonical form the
    account lookup uses (common.identifiers), so every spelling of it shares one counter."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_identifier(str(raw))
