"""The form of the API tokens page."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import ApiScope, User
from agencies.services.tokens import scopes_allowed


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
