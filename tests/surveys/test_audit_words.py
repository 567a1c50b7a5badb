"""The audit log in words: every action the portal writes has a label, and values read as
labels, not codes."""

import re
from pathlib import Path

from django.utils import translation

from agencies.models import AuditEvent
from surveys.audit_words import ACTIONS, audit_rows
from surveys.domain.workflow import TRANSITIONS
from surveys.models import ProposalKind

APPS = ("agencies", "surveys", "awards", "api", "readiness_portal")


def _actions_written() -> set[str]:
    """The audit actions named in the code: literal `action="x.y"`, the workflow's transitions,
    the evidence reviews, the four-eyes proposals and the Django admin's."""
    found: set[str] = set()
    for app in APPS:
        for path in Path(app).rglob("*.py"):
            found |= set(re.findall(r'action="([a-z_]+(?:\.[a-z_]+)?)"', path.read_text(encoding="utf-8")))
    found -= {"store_true", "append"}  # argparse's actions
    return (
        found
        | {f"response.{a}" for a in TRANSITIONS}
        | {"evidence.verify", "evidence.reject", "evidence.unreview"}
        | {f"proposal.{kind}" for kind in ProposalKind.values}
    )


def test_every_action_the_portal_writes_has_a_label():
    assert _actions_written() - set(ACTIONS) == set()
    assert {"admin.add", "admin.change", "admin.delete"} <= set(ACTIONS)


def _event(action, target_type, target_id, **data):
    return AuditEvent(action=action, target_type=target_type, target_id=str(target_id), data=data)


def test_an_answer_change_on_a_persons_page_shows_the_choice_labels(response_a):
    event = _event(
        "answer.change", "surveys.response", response_a.pk, before="none", after="draft", question="P1.1"
    )
    with translation.override("en"):
        (row,) = audit_rows([event])
    assert (row.action, row.before, row.after) == ("Answer changed", "None", "Draft")


def test_a_status_change_and_a_roles_change_read_as_labels(alice):
    events = [
        _event("response.accept", "surveys.response", 1, before="under_review", after="accepted"),
        _event(
            "user.roles",
            "agencies.user",
            alice.pk,
            before={"is_dga_admin": False},
            after={"is_dga_admin": True},
        ),
    ]
    with translation.override("en"):
        status, roles = audit_rows(events)
    assert (status.before, status.after) == ("Under review", "Accepted")
    assert "is_dga_admin" not in roles.after and roles.after.endswith(": Yes")
