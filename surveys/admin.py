from django.contrib import admin

from .models import Cycle, CycleTarget, Questionnaire, Response, ResponseEvent, ScoreCard


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "title_th", "published_at"]
    readonly_fields = ["definition", "checksum", "published_at", "created_at"]


class CycleTargetInline(admin.TabularInline):
    model = CycleTarget
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["year", "questionnaire", "opens_on", "closes_on"]
    inlines = [CycleTargetInline]


class ResponseEventInline(admin.TabularInline):
    model = ResponseEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "comment", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["agency", "questionnaire", "status", "score_state", "submitted_at"]
    list_filter = ["status", "score_state", "questionnaire"]
    search_fields = ["agency__code", "agency__name_th"]
    readonly_fields = ["public_id", "status", "score_state", "submitted_at"]
    inlines = [ResponseEventInline]


@admin.register(ScoreCard)
class ScoreCardAdmin(admin.ModelAdmin):
    list_display = ["response", "total", "band", "computed_at"]
    readonly_fields = ["response", "questionnaire", "total", "band", "card", "computed_at"]
