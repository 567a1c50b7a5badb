"""DGA's review list: what it shows, filters, sorting, pagination, a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import AgencyKind
from surveys.models import Evidence, ScoreCard
from surveys.services.answers import answers_save
from tests.factories import AgencyFactory, MinistryFactory, ResponseFactory, ScoreCardFactory


def make(
    cycle, *, status="submitted", kind=AgencyKind.DEPARTMENT, ministry=None, total=None, band="", pending=0
):
    agency = AgencyFactory(kind=kind, **({"ministry": ministry} if ministry else {}))
    response = ResponseFactory(cycle=cycle, agency=agency, status=status, submitted_at=timezone.now())
    if total is not None:
        ScoreCardFactory(response=response, total=total, band=band)
    for i in range(pending):
        Evidence.objects.create(
            response=response, question_code="P1.1", file=f"evidence/x{i}.pdf", original_name="x.pdf",
            content_type="application/pdf", extension=".pdf", size=10,
        )  # fmt: skip
    return response


def listed(client, **query):
    page = client.get(reverse("surveys:review"), query)
    assert page.status_code == 200
    return [r.agency.code for r in page.context["page"]]


def test_each_filter_narrows_the_queue(client, dana, cycle):
    ministry = MinistryFactory(code="MX")
    a = make(cycle, status="submitted", total=0.9, band="high", pending=1)
    b = make(cycle, status="under_review", kind=AgencyKind.PCIO, total=0.3, band="low")
    c = make(cycle, status="accepted", ministry=ministry, total=0.7, band="high")
    make(cycle, status="draft")
    client.force_login(dana)
    assert set(listed(client)) == {a.agency.code, b.agency.code, c.agency.code}
    assert listed(client, status="under_review") == [b.agency.code]
    assert listed(client, ministry="MX") == [c.agency.code]
    assert listed(client, kind="pcio") == [b.agency.code]
    assert set(listed(client, band="high")) == {a.agency.code, c.agency.code}
    assert listed(client, waiting="1") == [a.agency.code]


def test_the_queue_sorts_by_total_and_agency(client, dana, cycle):
    low, high, none = (make(cycle, total=0.2, band="low"), make(cycle, total=0.8, band="high"), make(cycle))
    client.force_login(dana)
    assert listed(client, sort="-total") == [high.agency.code, low.agency.code, none.agency.code]
    assert listed(client, sort="total") == [low.agency.code, high.agency.code, none.agency.code]
    codes = sorted(r.agency.code for r in (low, high, none))
    assert listed(client, sort="agency") == codes


def test_the_queue_sorts_by_submission_date_with_an_empty_date_last_either_way(client, dana, cycle):
    older, newer, undated = make(cycle), make(cycle), make(cycle)
    type(older).objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timezone.timedelta(days=1))
    type(undated).objects.filter(pk=undated.pk).update(submitted_at=None)
    client.force_login(dana)
    assert listed(client, sort="submitted_at") == [r.agency.code for r in (older, newer, undated)]
    assert listed(client, sort="-submitted_at") == [r.agency.code for r in (newer, older, undated)]
    assert listed(client) == listed(client, sort="-submitted_at")


def test_a_later_page_continues_the_sort_where_the_first_stopped(client, dana, cycle):
    made = [make(cycle, total=(i % 7) / 10, band="low", pending=i % 2) for i in range(60)]
    unscored = make(cycle)
    client.force_login(dana)
    first, second = listed(client, sort="-total"), listed(client, sort="-total", page=2)
    expected = sorted(made, key=lambda r: (-r.score_cards.get().total, r.agency.code))
    assert (len(first), len(second)) == (50, 11)
    assert first + second == [r.agency.code for r in [*expected, unscored]]
    page = client.get(reverse("surveys:review"), {"sort": "-total", "page": 2}).context["page"]
    pending = {r.agency.code: i % 2 for i, r in enumerate(made)}
    assert [r.waiting for r in page] == [pending.get(r.agency.code, 0) for r in page]
    assert [r.total for r in page] == [*(r.score_cards.get().total for r in expected[50:]), None]


def test_the_queue_is_paginated_with_its_filters_kept(client, dana, cycle):
    for _ in range(55):
        make(cycle, status="under_review")
    client.force_login(dana)
    page = client.get(reverse("surveys:review"), {"status": "under_review"})
    assert len(page.context["page"]) == 50
    body = page.content.decode()
    assert "?status=under_review&page=2" in body
    assert (
        len(client.get(reverse("surveys:review"), {"status": "under_review", "page": 2}).context["page"]) == 5
    )


def queries(client, **query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("surveys:review"), query).status_code == 200
    return len(captured)


def test_the_queue_takes_as_many_queries_for_50_responses_as_for_5(client, dana, cycle):
    client.force_login(dana)
    for i in range(5):
        make(cycle, total=0.5, band="low", pending=i % 2)
    queries(client)  # the first request of a session renews it
    few = queries(client, sort="-total")
    for i in range(45):
        make(cycle, total=0.5, band="low", pending=i % 2, ministry=MinistryFactory())
    assert queries(client, sort="-total") == few


def test_a_bad_filter_value_is_ignored(client, dana, cycle):
    response = make(cycle)
    client.force_login(dana)
    assert listed(client, status="nonsense", sort="evil") == [response.agency.code]


def test_officers_and_evaluators_cannot_open_the_queue(client, alice, erin):
    for user in (alice, erin):
        client.force_login(user)
        assert client.get(reverse("surveys:review")).status_code == 403


def test_the_admin_sees_a_submitted_response_with_its_score(
    client, dana, alice, bob, response_a, submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(response_a, {"P1.1": "approved", "P1.2": "no", "P3.1": 12}, officer=alice, approver=bob)
    client.force_login(dana)
    body = client.get(reverse("surveys:review")).content.decode()
    total = ScoreCard.objects.get(response=response_a).total
    assert response_a.agency.name_th in body
    assert f'data-total="{total}"' in body


def test_drafts_are_not_in_the_review_list(client, dana, alice, response_a):
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    assert response_a.agency.name_th not in client.get(reverse("surveys:review")).content.decode()


def test_officers_cannot_open_the_review_list(client, alice):
    client.force_login(alice)
    assert client.get(reverse("surveys:review")).status_code == 403
