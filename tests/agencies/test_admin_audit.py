"""Every change made in the Django admin is in the audit log; files go with their rows; the
database refuses TRUNCATE of the audit log."""

import pytest
from django.contrib import admin
from django.db import InternalError, connection, transaction
from django.urls import reverse

from agencies.admin_audit import AuditedAdmin
from agencies.models import AuditEvent
from surveys.models import Evidence, Response, ReviewComment
from surveys.services.evidence import evidence_add
from tests.factories import UserFactory, pdf_upload


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, is_dga_admin=True)


@pytest.fixture
def evidence(response_a, alice):
    return evidence_add(response=response_a, question_code="P1.1", upload=pdf_upload(), by=alice)


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_page_writes_the_audit_log(model):
    assert isinstance(admin.site._registry[model], AuditedAdmin)


def test_deleting_evidence_in_the_admin_is_audited_and_removes_its_file(
    client, superuser, evidence, settings, django_capture_on_commit_callbacks
):
    path = settings.MEDIA_ROOT / evidence.file.name
    assert path.exists()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("admin:surveys_evidence_delete", args=[evidence.pk]), {"post": "yes"})
    assert page.status_code == 302
    event = AuditEvent.objects.get(action="admin.delete", target_type="surveys.evidence")
    assert (event.actor, event.target_id) == (superuser, str(evidence.pk))
    assert event.data["before"]["original_name"] == "plan.pdf"
    assert not path.exists()


def test_deleting_evidence_in_bulk_in_the_admin_is_audited(
    client, superuser, evidence, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:surveys_evidence_changelist"),
            {"action": "delete_selected", "_selected_action": [evidence.pk], "post": "yes"},
        )
    assert not Evidence.objects.exists()
    assert AuditEvent.objects.filter(action="admin.delete", target_id=str(evidence.pk)).exists()


def test_a_response_deleted_with_its_evidence_leaves_no_file(
    evidence, settings, django_capture_on_commit_callbacks
):
    path = settings.MEDIA_ROOT / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        Response.objects.filter(pk=evidence.response_id).delete()
    assert not path.exists()


def test_editing_a_review_comment_in_the_admin_is_audited(client, superuser, response_a, dana):
    comment = ReviewComment.objects.create(response=response_a, question_code="P1.1", author=dana, body="old")
    client.force_login(superuser)
    url = reverse("admin:surveys_reviewcomment_change", args=[comment.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(body="new", response=response_a.pk, author=dana.pk)
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="admin.change", target_type="surveys.reviewcomment")
    assert event.data["after"]["body"] == "new"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_the_database_refuses_to_truncate_the_audit_log(response_a, alice, dana):
    with (
        pytest.raises(InternalError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("SET LOCAL portal.allow_audit_truncate = 'off'")
        c.execute("TRUNCATE agencies_auditevent CASCADE")
