"""Forms built from the questionnaire definition, one per pillar."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.numbers import NumberTooLarge, number_json, parse_number
from surveys.domain.definition import Question

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# From this many choices on, a list is a select with a filter box (static/js/form.js), not a
# column of radio buttons or checkboxes (surveys/templatetags/questions.py).
LONG_CHOICE_LIST = 30

# The longest answer a text question takes, by its format; the page's inputs say the same.
MAX_TEXT = 5000
MAX_FORMATTED = {"email": 254, "phone": 30, "url": 2000}


class NumberField(forms.DecimalField):
    """A decimal parsed at a bounded cost (common.numbers): a huge exponent or length is refused
    before Python builds the number, so no request can spend seconds converting it."""

    default_error_messages = {
        "too_large": _("Enter a number below one thousand million million (15 digits)."),
    }

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value))
        except NumberTooLarge:
            raise ValidationError(self.error_messages["too_large"], code="too_large") from None
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ExclusiveChoicesField(forms.MultipleChoiceField):
    """Several choices, except one marked `exclusive` ("none of the above"), which stands alone."""

    def __init__(self, *args: Any, exclusive: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exclusive = exclusive

    def validate(self, value: Any) -> None:
        super().validate(value)
        alone = [code for code in value if code in self.exclusive]
        if alone and len(value) > 1:
            raise ValidationError(
                _("“%(label)s” cannot be chosen together with other choices."),
                code="exclusive",
                params={"label": self.exclusive[alone[0]]},
            )


PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{4,28}[0-9]$",
    _("Enter a telephone number: digits, with spaces or dashes, and + before a country code."),
    code="phone",
)


def _text_field(q: Question, common: dict[str, Any]) -> forms.Field:
    if q.format == "email":
        return forms.EmailField(max_length=MAX_FORMATTED["email"], **common)
    if q.format == "url":
        return forms.URLField(max_length=MAX_FORMATTED["url"], assume_scheme="https", **common)
    if q.format == "phone":
        return forms.CharField(max_length=MAX_FORMATTED["phone"], validators=[PHONE], **common)
    return forms.CharField(max_length=MAX_TEXT, **common)


def _field(q: Question, lang: str) -> forms.Field | None:
    """The field that checks one question's answer: the server's rules, which the page's inputs
    mirror (types, min/max, lengths) but never replace."""
    common: dict[str, Any] = {
        "label": f"{q.code} {q.text.get(lang)}",
        "required": False,  # drafts may be incomplete; completeness is checked before approval
    }
    if q.type == "single_choice":
        return forms.ChoiceField(choices=[(c.code, c.label.get(lang)) for c in q.choices], **common)
    if q.type == "multi_choice":
        choices = [(c.code, c.label.get(lang)) for c in q.choices]
        exclusive = {c.code: c.label.get(lang) for c in q.choices if c.exclusive}
        return ExclusiveChoicesField(choices=choices, exclusive=exclusive, **common)
    if q.type == "yes_no":
        return forms.ChoiceField(choices=YES_NO, **common)
    if q.type == "number":
        return NumberField(min_value=q.min, max_value=q.max, **common)
    if q.type == "text":
        return _text_field(q, common)
    if q.type == "date":
        return forms.DateField(**common)
    return None  # file questions take evidence uploads, not form values


class AnswerForm(forms.Form):
    """One question's answer, as autosave posts it, with the version the saver started from."""

    version = forms.IntegerField(min_value=0, required=False)

    def __init__(self, *args: Any, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = _field(question, get_language() or "th")
        if field is None:
            raise ValueError(f"{question.code} takes files, not answers")
        self.fields[question.code] = field

    def answer_value(self) -> Any:
        return _to_json(self.cleaned_data.get(self.question.code))

    def base_version(self) -> int:
        return self.cleaned_data.get("version") or 0


def _to_json(value: Any) -> Any:
    if value in (None, "", []):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number_json(value)
    return value


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """The form's own copy of a choice field, to give it choices known only at run time."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


class QueueForm(forms.Form):
    """The review queue's filters and sort, from the query string; bad values are ignored."""

    year = forms.TypedChoiceField(label=_("Cycle"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    ministry = forms.ChoiceField(label=_("Ministry"), required=False)
    kind = forms.ChoiceField(label=_("Kind of agency"), required=False)
    band = forms.ChoiceField(label=_("Band"), required=False)
    waiting = forms.BooleanField(label=_("Evidence waiting for review"), required=False)
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, choices: Mapping[str, list[tuple[Any, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, options in choices.items():
            choice_field(self, name).choices = options


class EvidenceReviewForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"), choices=[("verified", _("Verify")), ("rejected", _("Reject"))]
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting: the agency reads it."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("state") == "rejected" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the evidence is rejected."))
        return data


class AdjustmentForm(forms.Form):
    percent = NumberField(
        label=_("Adjusted score (%)"), min_value=0, max_value=100, max_digits=7, decimal_places=4
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("An adjustment needs a reason."))
        return reason


class ReviewCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment for the agency"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExportForm(forms.Form):
    questionnaire = forms.ChoiceField(label=_("Questionnaire"))
    kind = forms.ChoiceField(label=_("What"))
    format = forms.ChoiceField(label=_("Format"))

    def __init__(self, *args: Any, questionnaires: list[tuple[str, str]], **kwargs: Any) -> None:
        from surveys.models import ExportFormat, ExportKind

        super().__init__(*args, **kwargs)
        choice_field(self, "questionnaire").choices = questionnaires
        choice_field(self, "kind").choices = ExportKind.choices
        choice_field(self, "format").choices = ExportFormat.choices
