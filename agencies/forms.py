"""Forms of the agencies' pages: the rate-limited password reset, and API tokens."""

from __future__ import annotations

import logging
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from agencies.models import ApiScope, User
from agencies.services.tokens import scopes_allowed
from common.identifiers import normalise_identifier
from common.ratelimit import within_rate

logger = logging.getLogger(__name__)


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESET_MAX_PER_HOUR e-mails to one address
    (however it is spelt) and PASSWORD_RESET_MAX_PER_HOUR_PER_IP from one client address. Beyond
    them the page answers as always, so it tells nobody whether the address exists."""

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]
        request = kwargs.get("request")
        email = normalise_identifier(self.cleaned_data["email"])
        self.cleaned_data["email"] = email
        client = request.META.get("REMOTE_ADDR", "") if request is not None else ""
        per_address = within_rate(f"reset:{email}", settings.PASSWORD_RESET_MAX_PER_HOUR, 3600)
        per_client = within_rate(f"reset-ip:{client}", settings.PASSWORD_RESET_MAX_PER_HOUR_PER_IP, 3600)
        if not (per_address and per_client):
            logger.warning("password reset rate limit reached; no e-mail sent")
            return
        super().save(**kwargs)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    scopes = forms.MultipleChoiceField(label=_("Scopes"), widget=forms.CheckboxSelectMultiple)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)

    def __init__(self, *args: Any, user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        allowed = scopes_allowed(user)
        scopes = cast(forms.MultipleChoiceField, self.fields["scopes"])
        scopes.choices = [(v, label) for v, label in ApiScope.choices if v in allowed]
        scopes.initial = [ApiScope.READ.value]
