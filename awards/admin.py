"""The award files in the Django admin: categories edited with the same validation as the import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from agencies.admin_audit import AuditedAdmin
from awards.domain.spec import parse_category
from awards.models import Awards, Category, PanelScore, Publication, PublishedEntry
from awards.services.imports import category_fields, context_for
from common.problems import DefinitionError


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "awards", "code", "position", "title_th", "title_en", "description_th", "description_en", "basis",
            "node", "eligibility", "precision", "winners", "compare_to", "rubric", "shortlist",
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        awards = data.get("awards") or getattr(self.instance, "awards", None)
        if awards is None or self.errors:
            return data
        raw = {
            "code": data.get("code"),
            "title": {"th": data.get("title_th") or "", "en": data.get("title_en") or ""},
            "basis": f"{data.get('basis')}:{data.get('node')}" if data.get("node") else data.get("basis"),
            "eligible": data.get("eligibility") or None,
            "precision": data.get("precision"),
            "winners": data.get("winners"),
        }
        for key in ("compare_to", "rubric", "shortlist"):
            if data.get(key):
                raw[key] = data[key]
        try:
            spec = parse_category(raw, context_for(awards.questionnaire))
        except DefinitionError as exc:
            raise ValidationError([str(p) for p in exc.problems]) from exc
        fields = category_fields(spec)
        for key in ("eligibility", "rubric", "shortlist"):
            data[key] = fields[key]
        return data


class CategoryInline(admin.StackedInline):
    model = Category
    form = CategoryForm
    extra = 0
    show_change_link = True


@admin.register(Awards)
class AwardsAdmin(AuditedAdmin):
    list_display = ["code", "title_th", "questionnaire", "created_at"]
    readonly_fields = ["source", "rank_requested_at", "created_at"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    form = CategoryForm
    list_display = ["code", "awards", "basis", "node", "winners", "precision", "panel_closed_at"]
    list_filter = ["awards", "basis"]


@admin.register(PanelScore)
class PanelScoreAdmin(AuditedAdmin):
    list_display = ["category", "agency", "evaluator", "score", "updated_at"]
    list_filter = ["category"]
    readonly_fields = [
        "category",
        "agency",
        "evaluator",
        "points",
        "score",
        "comment",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False


class PublishedEntryInline(admin.TabularInline):
    model = PublishedEntry
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "position", "rank", "agency_code", "agency_name_th", "score", "winner", "eligible",
    )  # fmt: skip

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(AuditedAdmin):
    """Publications are frozen: shown, never edited."""

    list_display = ["category", "published_at", "published_by"]
    inlines = [PublishedEntryInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
