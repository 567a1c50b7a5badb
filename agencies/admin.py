from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.admin_audit import AuditedAdmin, audit_registered_admins
from agencies.audit import audit_roles, roles_of
from agencies.models import Agency, AgencyName, AuditEvent, Membership, Ministry, Province, User
from agencies.services.officers import officer_invite


class UserAddForm(forms.ModelForm):
    """New people set their own password through the e-mailed link."""

    class Meta:
        model = User
        fields = ["email", "full_name"]


@admin.register(Ministry)
class MinistryAdmin(AuditedAdmin):
    list_display = ["code", "name_th", "name_en", "abbr_th"]
    search_fields = ["code", "name_th", "name_en", "abbr_th", "abbr_en"]


@admin.register(Province)
class ProvinceAdmin(AuditedAdmin):
    list_display = ["code", "name_th", "name_en", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name_th", "name_en"]


class AgencyNameInline(admin.TabularInline):
    model = AgencyName
    extra = 0


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["code", "name_th", "abbr_th", "ministry", "kind", "province"]
    list_filter = ["kind", "ministry"]
    search_fields = ["code", "name_th", "name_en", "abbr_th", "abbr_en", "former_names__name_th"]
    inlines = [AgencyNameInline]
    list_select_related = ["ministry", "province"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_dga_admin", "is_reviewer", "is_evaluator", "is_active"]
    list_filter = ["is_dga_admin", "is_reviewer", "is_evaluator", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name",)}),
        (_("Portal roles"), {"fields": ("is_dga_admin", "is_reviewer", "is_evaluator", "affiliation")}),
        (_("Django permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserAddForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name")}),)

    def save_model(self, request, obj: User, form, change: bool) -> None:
        # Roles as stored before this save, for the audit log written in save_related.
        obj._roles_before = roles_of(User.objects.get(pk=obj.pk)) if change else {}
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            base_url = request.build_absolute_uri("/")
            transaction.on_commit(lambda: officer_invite(user=obj, base_url=base_url))

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        audit_roles(actor=request.user, user=form.instance, before=form.instance._roles_before)


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin):
    """Read-only: the audit log is viewed here, never changed."""

    list_display = ["at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_id", "actor__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# django.contrib.auth and axes come before agencies in INSTALLED_APPS: their admins exist now.
audit_registered_admins(admin.site)
