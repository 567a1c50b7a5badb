"""Queries behind the exports page."""

from __future__ import annotations

from django.db.models import QuerySet

from agencies.models import User
from surveys.models import (
    ExportJob,
)


def export_jobs_of(*, user: User) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(requested_by=user).select_related("questionnaire")
