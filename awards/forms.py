"""The panel sheet: one number field per criterion of the category's rubric."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from awards.domain.spec import Criterion
from surveys.forms import NumberField


class PanelSheetForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )

    def __init__(self, *args, rubric: tuple[Criterion, ...], initial_points: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        points = initial_points or {}
        lang = get_language()
        fields = {}
        for c in rubric:
            fields[f"c_{c.code}"] = NumberField(
                label=f"{c.title.get(lang)} (0–{c.max:g})",
                min_value=0,
                max_value=c.max,
                decimal_places=2,
                initial=points.get(c.code),
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.5"}),
            )
        self.fields = {**fields, "comment": self.fields["comment"]}

    def points(self) -> dict[str, float]:
        return {c.code: float(self.cleaned_data[f"c_{c.code}"]) for c in self.rubric}
