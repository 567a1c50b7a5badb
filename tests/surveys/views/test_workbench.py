"""The workbench pages: a reviewer's rights, the queue's queries at two sizes, one decision."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import EvidenceState, ResponseStatus, ReviewAssignment
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


def queue_queries(client, cycle, reviewer, n: int) -> int:
    for _ in range(n):
        response = ResponseFactory(cycle=cycle, agency=AgencyFactory(), status=ResponseStatus.SUBMITTED)
        ReviewAssignment.objects.create(agency=response.agency, reviewer=reviewer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/review/workbench/?sort=reviewer").status_code == 200
    return len(queries)


def test_the_queue_pages_queries_do_not_grow_with_the_number_of_agencies(client, rita, cycle):
    client.force_login(rita)
    client.get("/review/workbench/")  # the first request of a process fills its caches
    few = queue_queries(client, cycle, rita, 3)
    many = queue_queries(client, cycle, rita, 40)
    assert many == few


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
