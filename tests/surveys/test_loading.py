"""The plain statements of the hot paths: the one that loads a response for its pages and saves
builds what the ORM builds (every field of the response, its questionnaire with the definition
deferred, cycle and agency, the agency's deadline); the autosave's lock reads the status and the
answers."""

import uuid
from datetime import timedelta

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.db.models import Exists, OuterRef

from agencies.models import AgencyName
from surveys.models import CycleTarget, Response
from surveys.models.loading import (
    lock_with_answers,
    response_locked_with_answers,
    response_with_context,
    response_with_memberships,
)
from surveys.services.answers import answers_save
from tests.factories import MembershipFactory, QuestionnaireFactory, ResponseFactory, small_definition


def _orm(public_id):
    renamed = Exists(AgencyName.objects.filter(agency_id=OuterRef("agency_id")))
    return (
        Response.objects.select_related("agency", "questionnaire", "cycle")
        .defer("questionnaire__definition")
        .with_agency_deadline()
        .annotate(renamed=renamed)
        .get(public_id=public_id)
    )


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_a_response_and_everything_it_carries_are_the_orms(response_a):
    response_a.submitted_at = response_a.created_at + timedelta(hours=1)
    response_a.save()
    deadline = response_a.cycle.closes_on + timedelta(days=7)
    CycleTarget.objects.update_or_create(
        cycle=response_a.cycle, agency=response_a.agency, defaults={"deadline": deadline}
    )
    AgencyName.objects.create(
        agency=response_a.agency, name_th="ชื่อเดิม", name_en="Old name", valid_until=response_a.cycle.opens_on
    )
    mine, orm = response_with_context(str(response_a.public_id), named=True), _orm(response_a.public_id)
    assert (
        mine.questionnaire.get_deferred_fields() == orm.questionnaire.get_deferred_fields() == {"definition"}
    )
    assert _fields(mine) == _fields(orm)
    assert _fields(mine.agency) == _fields(orm.agency)
    assert _fields(mine.cycle) == _fields(orm.cycle)
    mine_q, orm_q = _fields(mine.questionnaire), _fields(orm.questionnaire)
    assert mine_q.pop("definition") == orm_q.pop("definition")  # deferred in both: read on demand
    assert mine_q == orm_q
    assert (mine.agency_deadline, mine.renamed) == (orm.agency_deadline, orm.renamed) == (deadline, True)


def test_a_response_outside_any_cycle_has_none(agency_a):
    questionnaire = QuestionnaireFactory(definition=small_definition(code="results-2564", year=2564))
    response = ResponseFactory(cycle=None, questionnaire=questionnaire, agency=agency_a)
    found = response_with_context(response.public_id, named=False)
    assert (found.cycle, found.agency_deadline, found.year) == (None, None, 2564)


@pytest.mark.django_db
def test_an_unknown_id_finds_nothing_and_a_malformed_one_is_refused():
    assert response_with_context(uuid.uuid4(), named=True) is None
    with pytest.raises(ValueError):
        response_with_context("not-a-uuid", named=True)


def test_the_lock_reads_the_status_and_every_answer_with_its_value(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "approved", "P3.1": 12}, by=alice)
    with transaction.atomic():
        status, answers = lock_with_answers(response_a.pk)
    response_a.refresh_from_db()
    assert status == response_a.status
    assert sorted((code, value, version) for _pk, code, value, version in answers) == [
        ("P1.1", "approved", 1),
        ("P3.1", 12, 1),
    ]


def test_the_lock_of_a_response_without_answers_reads_its_status_alone(response_a):
    with transaction.atomic():
        assert lock_with_answers(response_a.pk) == (response_a.status, [])


@pytest.mark.django_db
def test_the_lock_of_no_response_is_refused():
    with pytest.raises(Response.DoesNotExist), transaction.atomic():
        lock_with_answers(10**9)


def test_the_autosaves_read_builds_the_response_and_its_answers_as_the_two_reads_do(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "approved", "P3.1": 12.5}, by=alice)
    with transaction.atomic():
        response, answers, memberships = response_locked_with_answers(str(response_a.public_id))
        status, locked = lock_with_answers(response_a.pk)
    alone = response_with_context(response_a.public_id, named=False)
    assert _fields(response) == _fields(alone) and response.status == status
    assert _fields(response.cycle) == _fields(alone.cycle)
    assert _fields(response.questionnaire) == _fields(alone.questionnaire)
    assert response.agency_deadline == alone.agency_deadline
    assert sorted(answers) == sorted(locked) and len(answers) == 2
    assert memberships is None  # not asked for


def test_the_autosaves_read_of_a_response_without_answers_holds_none(response_a):
    with transaction.atomic():
        response, answers, _ = response_locked_with_answers(response_a.public_id)
    assert (response.pk, answers) == (response_a.pk, [])


@pytest.mark.django_db
def test_the_autosaves_read_of_an_unknown_id_finds_nothing():
    with transaction.atomic():
        assert response_locked_with_answers(uuid.uuid4()) is None


@pytest.mark.django_db(transaction=True)
def test_the_autosaves_read_holds_the_responses_row_lock_until_its_transaction_ends():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: its write transactions queue whole (IMMEDIATE)")
    response = ResponseFactory()
    other = connections.create_connection("default")
    try:
        with transaction.atomic():
            response_locked_with_answers(response.public_id)
            with other.cursor() as cursor, pytest.raises(OperationalError):
                cursor.execute(
                    "SELECT id FROM surveys_response WHERE id = %s FOR UPDATE NOWAIT", [response.pk]
                )
        with other.cursor() as cursor:  # released at commit
            cursor.execute("SELECT id FROM surveys_response WHERE id = %s FOR UPDATE NOWAIT", [response.pk])
    finally:
        other.close()


def test_the_response_can_bring_every_membership_of_a_person_along(response_a, alice, agency_b):
    MembershipFactory(user=alice, agency=agency_b, role="approver")
    MembershipFactory(agency=response_a.agency, role="approver")  # someone else's
    response, held = response_with_memberships(response_a.public_id, named=True, user_id=alice.pk)
    alone = response_with_context(response_a.public_id, named=True)
    assert _fields(response) == _fields(alone) and _fields(response.agency) == _fields(alone.agency)
    assert sorted(held) == sorted(alice.memberships.values_list("agency_id", "role"))
    assert len(held) == 2


def test_a_person_without_memberships_brings_none_along(response_a, dana):
    response, held = response_with_memberships(response_a.public_id, named=False, user_id=dana.pk)
    assert (response.pk, held) == (response_a.pk, [])


@pytest.mark.django_db
def test_no_response_brings_no_memberships_along(alice):
    assert response_with_memberships(uuid.uuid4(), named=True, user_id=alice.pk) == (None, [])


def test_the_autosaves_read_can_bring_every_membership_of_a_person_along(response_a, alice, agency_b):
    answers_save(response=response_a, values={"P1.1": "approved", "P3.1": 12.5}, by=alice)
    MembershipFactory(user=alice, agency=agency_b, role="approver")
    MembershipFactory(agency=response_a.agency, role="approver")  # someone else's
    with transaction.atomic():
        response, answers, memberships = response_locked_with_answers(response_a.public_id, user_id=alice.pk)
        _, alone = response_locked_with_answers(response_a.public_id)[:2]
    assert sorted(memberships) == sorted(alice.memberships.values_list("agency_id", "role"))
    assert (len(memberships), sorted(answers) == sorted(alone), response.pk) == (2, True, response_a.pk)


def test_the_autosaves_read_for_a_person_without_memberships_brings_none_along(response_a, dana):
    with transaction.atomic():
        found = response_locked_with_answers(response_a.public_id, user_id=dana.pk)
    assert (found.response.pk, found.memberships) == (response_a.pk, [])
