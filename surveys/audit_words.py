"""The audit log in words: each action and its before/after values as a person reads them, in the
reader's language (the log itself keeps codes, which are what a machine compares)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import AuditEvent, MembershipRole
from common import formats
from surveys.domain.definition import Definition
from surveys.explain import answer_words
from surveys.models import EvidenceState, ExportFormat, ExportKind, Response, ResponseStatus

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
    "review.assign": _("Agencies assigned to a reviewer"),
    "review.unassign": _("Agencies taken from a reviewer"),
    "proposal.adjust": _("Score adjustment proposed (waits for a second reviewer)"),
    "proposal.return": _("Return proposed (waits for a second reviewer)"),
    "proposal.accept": _("Acceptance proposed (waits for a second reviewer)"),
    "proposal.confirm": _("Change confirmed by a second reviewer"),
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
    model = _model_of(event)
    name = model._meta.verbose_name if model is not None else event.target_type
    return f"{name} {event.target_id}"


def action_label(action: str) -> str:
    """An action in words; an unknown one (a newer service's) as its code, never hidden."""
    return str(ACTIONS.get(action, action))


def audit_rows(events: Any, definition: Definition | None = None) -> list[AuditRow]:
    """The events of a page with their action, before and after in words. Answers are read with
    `definition`, or (on a person's page) with the definition of each event's response."""
    events = list(events)
    definitions = {} if definition is not None else _definitions_of(events)
    rows = []
    for e in events:
        known = definition or definitions.get(e.target_id)
        data = e.data or {}
        before = value_text(e.action, data.get("before"), data, known, _model_of(e))
        after = value_text(e.action, data.get("after"), data, known, _model_of(e))
        rows.append(AuditRow(e, action_label(e.action), before, after, target_label(e)))
    return rows


def _definitions_of(events: list[AuditEvent]) -> dict[str, Definition]:
    """The questionnaire definitions of the responses whose answers the events changed (one query)."""
    ids = {e.target_id for e in events if e.action == "answer.change" and e.target_id.isdigit()}
    if not ids:
        return {}
    responses = Response.objects.filter(pk__in=ids).select_related("questionnaire")
    return {str(r.pk): r.questionnaire.parsed for r in responses}


def _model_of(event: AuditEvent) -> Any:
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def value_text(
    action: str, value: Any, data: dict | None, definition: Definition | None, model: Any = None
) -> str:
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
    if action in ("score.adjust", "score.unadjust"):
        return f"{formats.percent_text(value)}"
    if action.startswith("export."):
        kind, _dot, fmt = str(value).partition(".")
        return f"{dict(ExportKind.choices).get(kind, kind)} · {dict(ExportFormat.choices).get(fmt, fmt)}"
    return _plain(value, model)


def _field_label(model: Any, name: str) -> str:
    """A model field's name in words ("is_dga_admin" → "DGA admin"); the name if unknown."""
    try:
        field = model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):
        return name
    label = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
    return str(label)


def _plain(value: Any, model: Any = None) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_field_label(model, k)}: {_plain(v)}" for k, v in value.items())
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
