"""Answer saving through the service layer: versions, history, deadlines, previous answers."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from surveys.domain.workflow import TransitionError
from surveys.models import AnswerChange, CycleTarget, ResponseStatus
from surveys.services.answers import StaleAnswer, answer_save, answers_copy_previous, answers_save


def test_the_first_save_starts_the_response(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.DRAFT


def test_every_change_of_an_answer_is_kept(response_a, alice, bob):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    answers_save(response=response_a, values={"P1.1": "approved"}, by=bob)
    answer = response_a.answers.get(question_code="P1.1")
    history = list(
        AnswerChange.objects.filter(answer=answer).values_list("version", "old_value", "new_value")
    )
    assert (answer.version, answer.updated_by) == (2, bob)
    assert history == [(1, None, "draft"), (2, "draft", "approved")]


def test_an_unchanged_value_makes_no_new_version(response_a, alice):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert answers_save(response=response_a, values={"P1.1": "draft"}, by=alice) == 0


def test_an_officer_of_another_agency_cannot_save(response_a, charlie):
    with pytest.raises(TransitionError):
        answers_save(response=response_a, values={"P1.1": "draft"}, by=charlie)


def test_nothing_is_saved_after_the_deadline(response_a, alice, close_cycle):
    close_cycle(response_a.cycle)
    with pytest.raises(TransitionError) as caught:
        answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert caught.value.code == "closed"


def test_an_extended_deadline_reopens_the_agency(response_a, alice, close_cycle):
    cycle = close_cycle(response_a.cycle)
    CycleTarget.objects.filter(cycle=cycle, agency=response_a.agency).update(
        deadline=timezone.localdate() + timedelta(days=3)
    )
    assert answers_save(response=response_a, values={"P1.1": "draft"}, by=alice) == 1


def test_two_first_answers_at_once_keep_the_first(alice, bob, response_a):
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=alice)
    with pytest.raises(StaleAnswer) as caught:
        answer_save(response=response_a, question_code="P1.1", value="none", base_version=0, by=bob)
    assert (caught.value.current.value, caught.value.current.updated_by) == ("draft", alice)


def test_copy_fills_only_empty_questions(alice, response_a, last_year):
    answers_save(response=response_a, values={"P1.1": "draft"}, by=alice)
    assert answers_copy_previous(response=response_a, by=alice) == 2
    values = dict(response_a.answers.values_list("question_code", "value"))
    assert values == {"P1.1": "draft", "P1.2": "yes", "P3.1": 12}


@pytest.mark.django_db(transaction=True)
def test_officers_saving_one_response_at_the_same_time_lose_no_save(response_a, alice, bob):
    # Row locks queue the saves on PostgreSQL; SQLite ignores them and must queue the
    # transactions instead (IMMEDIATE), or concurrent saves fail with "database is locked".
    failures: list[Exception] = []

    def save_many(person, offset: int) -> None:
        try:
            for n in range(10):
                answers_save(response=response_a, values={"P3.1": offset + n}, by=person)
        except Exception as exc:  # a lost save, whatever the database said
            failures.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save_many, args=(p, i * 100)) for i, p in enumerate((alice, bob, alice))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert response_a.answers.get(question_code="P3.1").version == 30
