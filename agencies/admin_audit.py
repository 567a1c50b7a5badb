"""The Django admin writes the audit log too: every addition, change and deletion made there is
recorded with who made it and the object's fields (admin.add, admin.change, admin.delete).

Every ModelAdmin of the portal derives from AuditedAdmin (tests/agencies/test_admin_audit.py
checks the registry, so a new admin page cannot forget it)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core import serializers
from django.db import models, transaction

from agencies.audit import audit_log

_SECRET_FIELDS = {"password"}


def _fields(obj: models.Model) -> dict[str, Any]:
    fields = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    return {k: v for k, v in fields.items() if k not in _SECRET_FIELDS}


def _audit(request: Any, action: str, obj: models.Model, **data: Any) -> None:
    with transaction.atomic():  # within the admin's own transaction when there is one
        audit_log(actor=request.user, action=action, target=obj, **data)


class AuditedAdmin(admin.ModelAdmin):
    def log_addition(self, request, obj, message):
        _audit(request, "admin.add", obj, after=_fields(obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        changed = json.loads(json.dumps(message, default=str))
        _audit(request, "admin.change", obj, after=_fields(obj), changed=changed)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            _audit(request, "admin.delete", obj, before=_fields(obj))
        return super().log_deletions(request, queryset)


def audit_registered_admins(site: admin.AdminSite) -> None:
    """Give the admins registered by other apps (auth's groups, axes' lockouts: unlocking someone
    is a change too) the audit log, by re-registering each as a subclass of AuditedAdmin."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, AuditedAdmin):
            audited = type(f"Audited{type(model_admin).__name__}", (AuditedAdmin, type(model_admin)), {})
            site.unregister(model)
            site.register(model, audited)
