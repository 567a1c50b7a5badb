"""Forms of the sign-in pages."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm

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
