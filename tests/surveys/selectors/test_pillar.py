"""The pillar page's one statement reads what the ORM selectors read: answers with their last
author, evidence and comments in the order they came, last cycle's non-empty answers."""

import pytest
from django.utils import translation

from surveys.models import Evidence, EvidenceState, ReviewComment
from surveys.selectors.pillar import pillar_facts
from surveys.selectors.responses import (
    answers_with_authors,
    evidence_by_question,
    previous_answers,
    review_comments_by_question,
)
from surveys.services.answers import answers_save
from tests.factories import ResponseFactory


def _file(response, code, name, state=EvidenceState.PENDING, note=""):
    return Evidence.objects.create(
        response=response,
        question_code=code,
        file=f"evidence/{name}",
        original_name=name,
        content_type="application/pdf",
        extension="pdf",
        size=1234,
        review_state=state,
        review_note=note,
    )


@pytest.fixture
def busy(response_a, alice, bob, dana, previous_cycle):
    answers_save(response=response_a, values={"P1.1": "approved", "P3.1": 12}, by=alice)
    answers_save(response=response_a, values={"P1.2": "yes"}, by=bob)
    _file(response_a, "P1.1", "plan.pdf")
    _file(response_a, "P1.1", "พิมพ์เขียว.pdf", EvidenceState.REJECTED, "ไม่มีลายมือชื่อ")
    _file(response_a, "P1.2", "minutes.pdf", EvidenceState.VERIFIED)
    ReviewComment.objects.create(response=response_a, question_code="P1.1", body="ขอหลักฐาน", author=dana)
    ReviewComment.objects.create(response=response_a, question_code="P1.1", body="second", author=None)
    ResponseFactory(agency=response_a.agency, cycle=previous_cycle, answers={"P1.1": "draft", "P3.1": 7})
    return response_a


def test_the_answers_and_their_authors_are_the_orms(busy):
    mine = pillar_facts(response=busy).answers
    orm = answers_with_authors(response=busy)
    assert {c: (a.value, a.version, a.updated_at, str(a.updated_by)) for c, a in mine.items()} == {
        c: (a.value, a.version, a.updated_at, str(a.updated_by)) for c, a in orm.items()
    }


def test_the_files_are_the_orms_in_the_order_they_came(busy):
    mine = pillar_facts(response=busy).evidence
    orm = evidence_by_question(response=busy)
    shown = ("public_id", "original_name", "size", "review_state", "review_note", "uploaded_at")
    assert {c: [[getattr(f, a) for a in shown] for f in files] for c, files in mine.items()} == {
        c: [[getattr(f, a) for a in shown] for f in files] for c, files in orm.items()
    }
    with translation.override("en"):
        assert [f.get_review_state_display() for f in mine["P1.1"]] == ["Not yet reviewed", "Rejected"]


def test_the_comments_are_the_orms_in_the_order_they_came(busy):
    mine = pillar_facts(response=busy).comments
    orm = review_comments_by_question(response=busy)
    assert {
        c: [(x.body, str(x.author), x.author_id, x.created_at) for x in said] for c, said in mine.items()
    } == {c: [(x.body, str(x.author), x.author_id, x.created_at) for x in said] for c, said in orm.items()}


def test_last_cycles_answers_are_the_orms(busy):
    assert (
        pillar_facts(response=busy).previous
        == previous_answers(response=busy)
        == {"P1.1": "draft", "P3.1": 7}
    )
