"""The workbench pages: a reviewer's rights, the queue's queries at two sizes, one decision."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import EvidenceState, ResponseStatus, ReviewAssignment, ScoreCard
from surveys.templatetags.portal import percent
from tests.factories import AgencyFactory, ResponseFactory, UserFactory


@pytest.fixture
def rita(db):
    return UserFactory(full_name="Rita", is_reviewer=True)


@pytest.mark.parametrize(
    "url", ["/cycles/2566/", "/people/1/audit/", "/exports/", "/agencies/", "/review/workbench/assignments/"]
)
def test_a_reviewer_gets_403_on_pages_that_administer(client, rita, cycle, url):
    client.force_login(rita)
    assert client.get(url).status_code == 403


def add_agencies(cycle, reviewer, n: int) -> None:
    for _ in range(n):
        response = ResponseFactory(cycle=cycle, agency=AgencyFactory(), status=ResponseStatus.SUBMITTED)
        ReviewAssignment.objects.create(agency=response.agency, reviewer=reviewer)


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/review/workbench/?sort=reviewer",
        "/review/workbench/?mine=0&sort=-waiting&page=2",
        "/review/workbench/?mine=0&sort=ministry&q=a",
        "/review/workbench/?mine=0&sort=agency&waiting=1",
    ],
)
def test_the_queue_pages_queries_do_not_grow_with_the_number_of_agencies(client, rita, dana, cycle, url):
    """3 agencies, then 63 (more than a page of 50): the same number of queries."""
    client.force_login(dana if "mine=0" in url else rita)
    client.get(url)  # the first request of a process fills its caches
    add_agencies(cycle, rita, 3)
    few = queries_of(client, url)
    add_agencies(cycle, rita, 60)
    assert queries_of(client, url) == few


def test_rejecting_without_a_note_shows_the_error_beside_the_note(client, rita, under_review_with_file):
    ReviewAssignment.objects.create(agency=under_review_with_file.agency, reviewer=rita)
    evidence = under_review_with_file.evidence.get()
    client.force_login(rita)
    reply = client.post(
        f"/review/workbench/files/{evidence.public_id}/decide/",
        {"state": "rejected", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert reply.status_code == 200 and b'id="wb-note-error"' in reply.content
    evidence.refresh_from_db()
    assert evidence.review_state == EvidenceState.PENDING


def test_a_decision_answers_with_only_the_parts_that_change(client, rita, under_review_with_file):
    ReviewAssignment.objects.create(agency=under_review_with_file.agency, reviewer=rita)
    evidence = under_review_with_file.evidence.get()
    client.force_login(rita)
    reply = client.post(
        f"/review/workbench/files/{evidence.public_id}/decide/", {"state": "verified"}, HTTP_HX_REQUEST="true"
    )
    body = reply.content.decode()
    assert reply.status_code == 200 and "<html" not in body
    assert 'id="workbench-item"' in body and 'hx-swap-oob="true"' in body
    evidence.refresh_from_db()
    assert evidence.review_state == EvidenceState.VERIFIED


def test_bulk_verify_decides_the_selected_files_of_one_agency(client, rita, under_review_with_file):
    ReviewAssignment.objects.create(agency=under_review_with_file.agency, reviewer=rita)
    evidence = under_review_with_file.evidence.get()
    client.force_login(rita)
    reply = client.post(
        f"/review/workbench/{under_review_with_file.public_id}/verify/", {"files": [str(evidence.public_id)]}
    )
    assert reply.status_code == 302
    evidence.refresh_from_db()
    assert evidence.review_state == EvidenceState.VERIFIED


def test_the_file_is_shown_beside_the_agencys_answer_last_years_and_the_score_it_earns(
    client, rita, under_review_with_file, previous_cycle
):
    ResponseFactory(cycle=previous_cycle, agency=under_review_with_file.agency, answers={"P1.1": "draft"})
    ReviewAssignment.objects.create(agency=under_review_with_file.agency, reviewer=rita)
    evidence = under_review_with_file.evidence.get()
    line = ScoreCard.objects.get(response=under_review_with_file).card["questions"]["P1.1"]
    client.force_login(rita)
    client.cookies["django_language"] = "en"
    url = f"/review/workbench/{under_review_with_file.public_id}/?file={evidence.public_id}"
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<dd data-answer>Approved</dd>" in body
    assert "<dd data-previous>Draft</dd>" in body
    assert f"<dd data-question-score>{percent(line['score'])}%</dd>" in body
    assert client.get(f"{url[:-8]}00000000", HTTP_HX_REQUEST="true").status_code == 404


def test_a_verify_takes_eight_statements_however_many_agencies(client, rita, under_review_with_file, cycle):
    """The user, the file with its response and the right to see it, the lock with the right to
    review, the file, the audit row, the score's state, the queue's files, the next file's facts
    (the session comes from the cache; SAVEPOINTs exist only because the test runs in a transaction)."""
    ReviewAssignment.objects.create(agency=under_review_with_file.agency, reviewer=rita)
    url = f"/review/workbench/files/{under_review_with_file.evidence.get().public_id}/decide/"
    client.force_login(rita)
    client.post(url, {"state": "verified"}, HTTP_HX_REQUEST="true")  # the session's first refresh
    counts = []
    for more in (0, 40):
        add_agencies(cycle, rita, more)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, {"state": "verified"}, HTTP_HX_REQUEST="true").status_code == 200
        counts.append(sum(1 for q in queries if "SAVEPOINT" not in q["sql"]))
    assert counts == [8, 8]
