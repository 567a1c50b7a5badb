"""The audit log in words: each action and its before/after values as a person reads them, in the
reader's language (the log itself keeps codes, which are what a machine compares)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import AuditEvent, MembershipRole
from common import formats
from surveys.domain.definition import Definition
from surveys.explain import answer_words
from surveys.models import EvidenceState, ExportFormat, ExportKind, ResponseStatus

ACTIONS: dict[str, Any] = {
    "answer.change": _("Answer changed"),
    "comment.add": _("Comment for the agency"),
    "evidence.add": _("Evidence added"),
    "evidence.remove": _("Evidence removed"),
    "evidence.verify": _("Evidence verified"),
    "evidence.reject": _("Evidence rejected"),
    "evidence.unreview": _("Evidence review undone"),
    "score.adjust": _("Score adjusted"),
    "score.unadjust": _("Score adjustment removed"),
    "scores.release": _("Score cards shown to agencies"),
    "deadline.extend": _("Deadline extended"),
    "reminder.send": _("Reminder sent"),
    "export.request": _("Export requested"),
    "export.download": _("Export downloaded"),
    "export.command": _("Export made by a command"),
    "user.roles": _("Roles changed"),
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
    "admin.add": _("Added in the administration"),
    "admin.change": _("Changed in the administration"),
    "admin.delete": _("Deleted in the administration"),
    "import": _("Imported"),
    "response.start": _("Response started"),
    "response.request_approval": _("Approval requested"),
    "response.withdraw": _("Approval request withdrawn"),
    "response.approve": _("Approved and submitted"),
    "response.send_back": _("Sent back to the officers"),
    "response.start_review": _("Review started"),
    "response.return": _("Returned for changes"),
    "response.accept": _("Accepted"),
    "response.reopen": _("Reopened"),
}

_LABELS: dict[str, dict[str, Any]] = {
    "status": dict(ResponseStatus.choices),
    "evidence": dict(EvidenceState.choices),
    "role": dict(MembershipRole.choices),
}


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    action: str
    before: str
    after: str
    target: str


def target_label(event: AuditEvent) -> str:
    """What an event changed, as "response 42" in the reader's language."""
    try:
        model = apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return f"{event.target_type} {event.target_id}"
    return f"{model._meta.verbose_name} {event.target_id}"


def action_label(action: str) -> str:
    """An action in words; an unknown one (a newer service's) as its code, never hidden."""
    return str(ACTIONS.get(action, action))


def audit_rows(events: Any, definition: Definition | None = None) -> list[AuditRow]:
    """The events of a page with their action, before and after in words."""
    return [
        AuditRow(
            e,
            action_label(e.action),
            value_text(e.action, (e.data or {}).get("before"), e.data, definition),
            value_text(e.action, (e.data or {}).get("after"), e.data, definition),
            target_label(e),
        )
        for e in events
    ]


def value_text(action: str, value: Any, data: dict | None, definition: Definition | None) -> str:
    """One before/after value as people read it: labels for codes, dates in the reader's way."""
    if value is None or value == "":
        return ""
    if action.startswith("response."):
        return str(_LABELS["status"].get(value, value))
    if action.startswith("evidence.") and action not in ("evidence.add", "evidence.remove"):
        return str(_LABELS["evidence"].get(value, value))
    if action == "answer.change" and definition is not None:
        question = definition.questions_by_code.get((data or {}).get("question", ""))
        return answer_words(value, question, get_language()) if question else _plain(value)
    if action == "score.adjust":
        return f"{formats.percent_text(value)}"
    if action.startswith("export."):
        kind, _dot, fmt = str(value).partition(".")
        return f"{dict(ExportKind.choices).get(kind, kind)} · {dict(ExportFormat.choices).get(fmt, fmt)}"
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, str) and _is_iso_date(value):
        return formats.long_date(date.fromisoformat(value), get_language())
    if isinstance(value, str) and ":" in value and value.rsplit(":", 1)[1] in _LABELS["role"]:
        agency, role = value.rsplit(":", 1)
        return f"{agency}: {_LABELS['role'][role]}"
    return str(value)


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
