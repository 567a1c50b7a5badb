"""common.writes: the rows it writes are the ORM's, on both databases; several statements go in one
round trip on PostgreSQL, and one that fails fails them all."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import AuditEvent
from common.writes import insert, run_at_once, update
from surveys.models import Answer, AnswerChange
from tests.factories import ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = {"text": "ค่า'; DROP TABLE x; --", "n": [1, 2.5, None], "percent": "100%s"}


def _row(model, pk, leave_out=()):
    found = model_to_dict(model.objects.get(pk=pk))
    return {name: value for name, value in found.items() if name not in ("id", *leave_out)}


def test_an_insert_writes_the_row_the_orm_would_write():
    user = UserFactory()
    by_orm = AuditEvent.objects.create(
        actor=user, action="answer.change", target_type="surveys.response", target_id="7", data=HOSTILE
    )
    with transaction.atomic():
        run_at_once(
            [
                insert(
                    AuditEvent(
                        actor=user,
                        action="answer.change",
                        target_type="surveys.response",
                        target_id="7",
                        data=HOSTILE,
                    )
                )
            ]
        )
    ours = AuditEvent.objects.exclude(pk=by_orm.pk).get()
    assert _row(AuditEvent, ours.pk, leave_out=["at"]) == _row(AuditEvent, by_orm.pk, leave_out=["at"])
    assert abs(ours.at - by_orm.at) < datetime.timedelta(minutes=1)  # auto_now_add: the time of writing


def test_an_insert_leaves_a_field_default_to_the_model():
    with transaction.atomic():
        run_at_once([insert(AuditEvent(action="x.y", target_type="t", target_id="1"))])
    assert AuditEvent.objects.get().data == {}


def test_an_update_writes_the_named_fields_only_and_stamps_auto_now():
    response = ResponseFactory()
    answer = Answer.objects.create(response=response, question_code="A.1", value="before", version=1)
    stale = Answer(
        pk=answer.pk,
        response=response,
        question_code="ignored",
        value=["หลาย", 2],
        version=2,
        updated_by=None,
    )
    before = timezone.now()
    with transaction.atomic():
        run_at_once([update(stale, ("value", "version", "updated_at"))])
    answer.refresh_from_db()
    assert (answer.question_code, answer.value, answer.version) == ("A.1", ["หลาย", 2], 2)
    assert answer.updated_at >= before and stale.updated_at == answer.updated_at


def test_statements_run_in_order_in_one_round_trip_on_postgresql():
    user = UserFactory()
    answer = Answer.objects.create(response=ResponseFactory(), question_code="A.1", value=1)
    answer.value, answer.version = 2, 2
    statements = [
        update(answer, ("value", "version")),
        insert(AnswerChange(answer=answer, version=2, old_value=1, new_value=2, changed_by=user)),
        insert(AuditEvent(actor=user, action="answer.change", target_type="surveys.answer", target_id="1")),
    ]
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        run_at_once(statements)
    sent = [q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN"))]
    assert len(sent) == (1 if connection.vendor == "postgresql" else 3)
    assert AnswerChange.objects.get().new_value == 2
    assert Answer.objects.get().value == 2


def test_a_failing_statement_fails_the_whole_transaction():
    answer = Answer.objects.create(response=ResponseFactory(), question_code="A.1", value=1)
    AnswerChange.objects.create(answer=answer, version=2, old_value=1, new_value=2)
    answer.value, answer.version = 3, 2
    with pytest.raises(IntegrityError), transaction.atomic():
        run_at_once(
            [
                update(answer, ("value", "version")),
                # the same (answer, version) again: answer_change_unique refuses it
                insert(AnswerChange(answer=answer, version=2, old_value=2, new_value=3)),
            ]
        )
    answer.refresh_from_db()
    assert (answer.value, answer.version) == (1, 1)
