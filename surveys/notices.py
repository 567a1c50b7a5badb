"""Notifications in words, in the active language: a subject line and a short body for each
kind, from the facts stored with the notification (names in both languages, dates in ISO)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.formats import long_date


def _name(params: dict[str, Any], key: str) -> str:
    """A bilingual fact ({"th": …, "en": …}) in the reader's language, Thai when missing."""
    value = params.get(key) or {}
    if isinstance(value, str):
        return value
    lang = get_language() or "th"
    return value.get("en" if lang.startswith("en") else "th") or value.get("th") or ""


def _date(params: dict[str, Any], key: str) -> str:
    iso = params.get(key)
    if not iso:
        return ""
    lang = get_language() or "th"
    return long_date(date.fromisoformat(iso), "en" if lang.startswith("en") else "th")


def notice_subject(kind: str, params: dict[str, Any]) -> str:
    agency = _name(params, "agency")
    subjects = {
        "approval_requested": _("%(agency)s: the response waits for your approval"),
        "approval_withdrawn": _("%(agency)s: the request for approval was withdrawn"),
        "submitted": _("%(agency)s: the response was approved and submitted to DGA"),
        "returned": _("%(agency)s: DGA returned the response for revision"),
        "accepted": _("%(agency)s: DGA accepted the response"),
        "comment": _("%(agency)s: DGA commented on question %(question)s"),
        "evidence_rejected": _("%(agency)s: DGA rejected an evidence file"),
        "deadline_extended": _("%(agency)s: the deadline was extended to %(date)s"),
        "scores_released": _("%(agency)s: the score card is available"),
        "award_published": _("Award results published: %(category)s"),
        "deadline_reminder": _("%(agency)s: %(days)s day(s) left to submit the survey"),
        "approval_reminder": _("%(agency)s: the response still waits for your approval"),
    }
    text = subjects.get(kind, kind)
    return text % {
        "agency": agency,
        "question": params.get("question", ""),
        "date": _date(params, "date"),
        "category": _name(params, "category"),
        "days": params.get("days", ""),
    }


def notice_body(kind: str, params: dict[str, Any]) -> str:
    """What the e-mail says under the subject: the note, comment or date that matters."""
    lines: list[str] = []
    if params.get("actor"):
        lines.append(_("By: %(actor)s") % {"actor": params["actor"]})
    if params.get("comment"):
        lines.append(_("Comment: %(comment)s") % {"comment": params["comment"]})
    if params.get("file"):
        lines.append(_("File: %(file)s") % {"file": params["file"]})
    if params.get("note"):
        lines.append(_("Reviewer's note: %(note)s") % {"note": params["note"]})
    if params.get("closes_on"):
        lines.append(_("Close date: %(date)s") % {"date": _date(params, "closes_on")})
    for item in params.get("todo", []):
        lines.append(f"- {item}")
    return "\n".join(lines)
