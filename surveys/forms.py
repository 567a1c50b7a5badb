"""Forms built from the questionnaire definition, one per pillar."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from surveys.domain.definition import Node, Question

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# From this many choices on, a list is a select with a filter box (static/js/form.js), not a
# column of radio buttons or checkboxes; without JavaScript it is a plain select.
LONG_CHOICE_LIST = 30


def _searchable(multiple: bool) -> forms.Widget:
    attrs = {"data-searchable": _("Type to filter the choices"), "class": "form-select"}
    return forms.SelectMultiple(attrs={**attrs, "size": 10}) if multiple else forms.Select(attrs=attrs)


def _field(q: Question, lang: str) -> forms.Field | None:
    common: dict[str, Any] = {
        "label": f"{q.code} {q.text.get(lang)}",
        # crispy renders help text unescaped: escape the questionnaire's text here.
        "help_text": conditional_escape(q.help.get(lang)) if q.help else "",
        "required": False,  # drafts may be incomplete; completeness is checked before approval
    }
    if q.type == "single_choice":
        choices = [(c.code, c.label.get(lang)) for c in q.choices]
        if len(choices) >= LONG_CHOICE_LIST:
            return forms.ChoiceField(choices=[("", "—"), *choices], widget=_searchable(False), **common)
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if q.type == "multi_choice":
        choices = [(c.code, c.label.get(lang)) for c in q.choices]
        widget = _searchable(True) if len(choices) >= LONG_CHOICE_LIST else forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(choices=choices, widget=widget, **common)
    if q.type == "yes_no":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if q.type == "number":
        return forms.DecimalField(min_value=q.min, max_value=q.max, **common)
    if q.type == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, **common)
    if q.type == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    return None  # file questions take evidence uploads, not form values


def _describe(field: forms.Field, q: Question) -> None:
    """Tie every input to its help text and to the question's save-state line (errors, conflicts)."""
    ids = [f"id_{q.code}_helptext"] if field.help_text else []
    field.widget.attrs["aria-describedby"] = " ".join([*ids, f"state-{q.code}"])


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


class PillarForm(forms.Form):
    """The answers of one pillar; values come back in the stored JSON shape."""

    def __init__(self, *args: Any, pillar: Node, answers: Mapping[str, Any], readonly: bool, **kwargs):
        super().__init__(*args, **kwargs)
        lang = get_language() or "th"
        self.questions = {q.code: q for q in pillar.all_questions()}
        for code, q in self.questions.items():
            field = _field(q, lang)
            if field is None:
                continue
            field.disabled = readonly
            _describe(field, q)
            self.fields[code] = field
            self.initial[code] = answers.get(code)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def answer_values(self) -> dict[str, Any]:
        return {code: _to_json(self.cleaned_data.get(code)) for code in self.fields}


def _to_json(value: Any) -> Any:
    if value in (None, "", []):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "as_integer_ratio") and not isinstance(value, float):  # Decimal
        return int(value) if value == value.to_integral_value() else float(value)
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
    percent = forms.DecimalField(
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
