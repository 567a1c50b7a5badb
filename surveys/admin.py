from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.admin_audit import AuditedAdmin
from agencies.http import AuthenticatedHttpRequest
from surveys.models import (
    Cycle,
    CycleTarget,
    Evidence,
    ExportJob,
    Questionnaire,
    Response,
    ResponseEvent,
    ReviewComment,
    ScoreAdjustment,
    ScoreCard,
)
from surveys.services.cycles import cycle_scores_release, cycle_target_extend


@admin.register(Questionnaire)
class QuestionnaireAdmin(AuditedAdmin):
    list_display = ["code", "year", "title_th", "published_at"]
    readonly_fields = ["definition", "checksum", "published_at", "created_at", "warnings_list"]
    exclude = ["import_warnings"]

    @admin.display(description=gettext_lazy("import warnings"))
    def warnings_list(self, obj: Questionnaire) -> str:
        """What the import dropped, one a line, each at its sheet, row and column."""
        if not obj.import_warnings:
            return _("none")
        return format_html_join(mark_safe("<br>"), "{}", ((w,) for w in obj.import_warnings))


class CycleTargetInline(admin.TabularInline):
    model = CycleTarget
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Cycle)
class CycleAdmin(AuditedAdmin):
    list_display = ["year", "questionnaire", "opens_on", "closes_on", "scores_visible_to_agencies"]
    inlines = [CycleTargetInline]

    def save_model(self, request, obj, form, change) -> None:
        # Releasing score cards goes through the service, which notifies the agencies' people.
        release = change and "scores_visible_to_agencies" in form.changed_data
        if release:
            obj.scores_visible_to_agencies = form.initial.get("scores_visible_to_agencies", False)
        super().save_model(request, obj, form, change)
        if release:
            visible = form.cleaned_data["scores_visible_to_agencies"]
            cycle_scores_release(cycle=obj, visible=visible, by=request.user)


class ResponseEventInline(admin.TabularInline):
    model = ResponseEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "comment", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(AuditedAdmin):
    list_display = ["agency", "questionnaire", "status", "score_state", "submitted_at"]
    list_filter = ["status", "score_state", "questionnaire"]
    search_fields = ["agency__code", "agency__name_th"]
    readonly_fields = ["public_id", "status", "score_state", "submitted_at"]
    inlines = [ResponseEventInline]


@admin.register(ScoreCard)
class ScoreCardAdmin(AuditedAdmin):
    list_display = ["response", "total", "band", "computed_at"]
    readonly_fields = ["response", "questionnaire", "total", "band", "card", "computed_at"]


class ExtendForm(forms.Form):
    until = forms.DateField(
        label=gettext_lazy("New deadline (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )


@admin.register(CycleTarget)
class CycleTargetAdmin(AuditedAdmin):
    """Per-agency deadlines: select agencies and extend their close date in one step."""

    list_display = ["agency", "cycle", "deadline"]
    list_filter = ["cycle"]
    search_fields = ["agency__code", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency"]
    actions = ["extend_deadline"]

    @admin.action(description=gettext_lazy("Extend the deadline of the selected agencies"))
    def extend_deadline(self, request: AuthenticatedHttpRequest, queryset) -> HttpResponse | None:
        form = ExtendForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for target in queryset.select_related("cycle"):
                try:
                    cycle_target_extend(target=target, until=form.cleaned_data["until"], by=request.user)
                except ValueError as exc:
                    self.message_user(request, f"{target.agency}: {exc}", messages.ERROR)
                    return None
            self.message_user(request, _("Extended %(n)d deadline(s).") % {"n": queryset.count()})
            return None
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "targets": queryset,
            "opts": self.opts,
        }
        return render(request, "admin/surveys/extend_deadline.html", context)


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdmin):
    list_display = ["response", "question_code", "original_name", "size", "review_state", "uploaded_at"]
    list_filter = ["review_state"]
    readonly_fields = [
        "public_id",
        "file",
        "original_name",
        "content_type",
        "extension",
        "size",
        "uploaded_by",
        # Decided on the review page, which audits the decision and rescores: never here.
        "review_state",
        "review_note",
        "reviewed_by",
        "reviewed_at",
    ]


@admin.register(ReviewComment)
class ReviewCommentAdmin(AuditedAdmin):
    list_display = ["response", "question_code", "author", "created_at"]


class ReadOnlyAdmin(AuditedAdmin):
    """Shown for reference; changed only through the pages that audit and rescore."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ScoreAdjustment)
class ScoreAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["response", "question_code", "score", "by", "at"]


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ["questionnaire", "kind", "format", "state", "done", "total", "requested_by", "created_at"]
    list_filter = ["state", "kind", "format"]
