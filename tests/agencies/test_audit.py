"""The append-only audit log."""

import pytest
from django.db import connection, transaction
from django.db.utils import IntegrityError, InternalError
from django.urls import reverse

from agencies.audit import audit_log
from agencies.models import AuditEvent
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add, evidence_remove
from surveys.services.transitions import response_transition
from tests.factories import UserFactory


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("pk"))


def test_an_answer_change_is_logged_with_before_and_after(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    changes = events(action="answer.change", target_id=str(response_a.pk))
    assert [(e.actor, e.data["question"], e.data["before"], e.data["after"]) for e in changes] == [
        (alice, "P1.1", None, "draft"),
        (alice, "P1.1", "draft", "approved"),
    ]


def test_a_transition_is_logged_with_its_reason(response_a, alice, bob, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    response_transition(response=response_a, action="send_back", by=bob, comment="แก้ข้อ 1")
    (event,) = events(action="response.send_back")
    assert (event.actor, event.data["before"], event.data["after"], event.data["reason"]) == (
        bob,
        "awaiting_approval",
        "draft",
        "แก้ข้อ 1",
    )


def test_a_failed_change_leaves_no_audit_row(response_a, charlie):
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the point is the rollback
        answers_save(response=response_a, values={"P1.1": "draft"}, by=charlie)
    assert not AuditEvent.objects.exists()


def test_a_role_change_in_the_admin_is_logged(client, alice):
    admin = UserFactory(is_staff=True, is_superuser=True, is_dga_admin=True)
    client.force_login(admin)
    membership = alice.memberships.get()
    form = {
        "email": alice.email,
        "full_name": alice.full_name,
        "is_active": "on",
        "is_evaluator": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": str(membership.pk),
        "memberships-0-user": str(alice.pk),
        "memberships-0-agency": str(membership.agency_id),
        "memberships-0-role": "approver",
    }
    page = client.post(reverse("admin:agencies_user_change", args=[alice.pk]), form)
    assert page.status_code == 302, page.content.decode()[:2000]
    (event,) = events(action="user.roles")
    assert (event.actor, event.data["before"]["is_evaluator"], event.data["after"]["is_evaluator"]) == (
        admin,
        False,
        True,
    )
    assert event.data["after"]["memberships"] == [f"{membership.agency.code}:approver"]


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    event = AuditEvent.objects.first()
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_to_change_or_delete_audit_rows(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    statements = ["UPDATE agencies_auditevent SET action = 'forged'"]
    if connection.vendor == "postgresql":  # SQLite's flush needs DELETE: see agencies migration 0005
        statements.append("DELETE FROM agencies_auditevent")
    for sql in statements:
        with (
            # plpgsql's RAISE is an InternalError, SQLite's RAISE(ABORT) an IntegrityError
            pytest.raises((InternalError, IntegrityError), match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(sql)
    assert AuditEvent.objects.filter(action="answer.change").count() == 1


def test_the_admin_cannot_change_or_delete_audit_rows(client, response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    event = AuditEvent.objects.first()
    admin = UserFactory(is_staff=True, is_superuser=True, is_dga_admin=True)
    client.force_login(admin)
    assert client.get(reverse("admin:agencies_auditevent_changelist")).status_code == 200
    assert (
        client.post(reverse("admin:agencies_auditevent_change", args=[event.pk]), {"action": "x"}).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:agencies_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.get(pk=event.pk).action == "answer.change"


@pytest.mark.django_db(transaction=True)
def test_audit_log_refuses_to_write_outside_a_transaction():
    person = UserFactory()
    with pytest.raises(RuntimeError):
        audit_log(actor=person, action="x", target=person)
    assert not AuditEvent.objects.exists()


def test_an_autosaved_answer_is_logged(client, response_a, alice):
    client.force_login(alice)
    url = reverse("surveys:autosave", args=[response_a.public_id, "P1.1"])
    client.post(url, {"P1.1": "draft", "version": "0"}, HTTP_HX_REQUEST="true")
    client.post(url, {"P1.1": "approved", "version": "1"}, HTTP_HX_REQUEST="true")
    changes = events(action="answer.change", target_id=str(response_a.pk))
    assert [(e.data["before"], e.data["after"]) for e in changes] == [(None, "draft"), ("draft", "approved")]


def test_attaching_and_removing_evidence_is_logged(response_a, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "แผน.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
    )
    evidence = evidence_add(response=response_a, question_code="P1.1", upload=upload, by=alice)
    evidence_remove(evidence=evidence, by=alice)
    logged = events(target_id=str(response_a.pk), action__startswith="evidence.")
    assert [(e.action, e.data["question"], e.data["after"] or e.data["before"]) for e in logged] == [
        ("evidence.add", "P1.1", "แผน.pdf"),
        ("evidence.remove", "P1.1", "แผน.pdf"),
    ]
