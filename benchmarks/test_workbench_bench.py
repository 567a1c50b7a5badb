"""The review workbench with 379 agencies (a year of the survey) and with 8,000 (a national
assessment's size, such as the ITA's 8,300): server time of one verify, one reject, one
adjustment, one "next file", and of the agencies queue and its search, each printed with the SQL
statements of one request and the load average. The contract's budget for a decision is a 30 ms
median (docs/contract.md). Scoring is not in these figures: it follows the response (on the
worker, or in-process after the response is sent), never inside it.

Statements are counted without the SAVEPOINT/RELEASE pairs that exist only because each test
runs inside a transaction (on a server the service's transaction is the outer one)."""

import os
import statistics
import time
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, Ministry, User
from benchmarks.server_thread import on_a_server_thread
from surveys.models import Evidence, EvidenceState, Response, ReviewAssignment, ScoreCard
from tests.factories import CycleFactory, UserFactory

SIZES = (379, 8000)
FILES_EACH = 3
ROUNDS = 40


@dataclass
class Year:
    agencies: int
    response: Response
    files: list[Evidence]
    reviewer: User


def _year(cycle, reviewer, agencies: int = 8000) -> Response:
    ministries = Ministry.objects.bulk_create(
        [Ministry(code=f"M{n:02d}", name_th=f"กระทรวง {n}") for n in range(20)]
    )
    made = Agency.objects.bulk_create(
        [
            Agency(
                code=f"W{n:05d}", name_th=f"หน่วยงาน {n}", name_en=f"Agency {n}", ministry=ministries[n % 20]
            )
            for n in range(agencies)
        ]
    )
    responses = Response.objects.bulk_create(
        [
            Response(agency=a, questionnaire=cycle.questionnaire, cycle=cycle, status="under_review",
                     submitted_at=timezone.now())
            for a in made
        ]
    )  # fmt: skip
    ScoreCard.objects.bulk_create(
        [
            ScoreCard(response=r, questionnaire=cycle.questionnaire, total=0.5, band="low", card={})
            for r in responses
        ]
    )
    Evidence.objects.bulk_create(
        [
            Evidence(response=r, question_code=code, file="evidence/x.pdf", original_name=f"{code}.pdf",
                     content_type="application/pdf", extension=".pdf", size=1)
            for r in responses
            for code in ("P1.1", "P1.2", "P3.1")[:FILES_EACH]
        ]
    )  # fmt: skip
    ReviewAssignment.objects.bulk_create(
        [ReviewAssignment(agency=a, reviewer=reviewer) for a in made if a.ministry_id == ministries[0].pk]
    )
    return responses[0]


@pytest.fixture(params=SIZES, ids=[f"{n}-agencies" for n in SIZES])
def year(request, db, client) -> Year:
    reviewer = UserFactory(is_reviewer=True)
    response = _year(CycleFactory(), reviewer, request.param)
    files = list(Evidence.objects.filter(response=response).order_by("question_code"))
    client.force_login(reviewer)
    return Year(request.param, response, files, reviewer)


def _statements(call) -> int:
    with CaptureQueriesContext(connection) as seen:
        call()
    return sum(
        1 for q in seen.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


def _cpu(call, setup=None, rounds: int = ROUNDS) -> float:
    """The median CPU time of the Django process for one call (PostgreSQL's own time is not in
    it): on a shared, busy machine it moves far less than the wall-clock median. Measured on a
    request thread, as the median is (benchmarks.server_thread)."""

    def measured() -> float:
        times = []
        for _ in range(rounds):
            if setup is not None:
                setup()
            start = time.process_time()
            call()
            times.append(time.process_time() - start)
        return statistics.median(times)

    return on_a_server_thread(measured)


def _report(benchmark, year: Year, what: str, statements: int, cpu: float) -> None:
    median = benchmark.stats.stats.median
    load = os.getloadavg()[0]
    print(
        f"\nworkbench, {year.agencies} agencies: {what}: median {median * 1000:.1f} ms "
        f"(CPU {cpu * 1000:.1f} ms), {statements} SQL statements (load average {load:.2f})"
    )


def _htmx(client, url: str, data: dict | None = None):
    reply = client.post(url, data or {}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    return reply


def test_one_verify(benchmark, client, year):
    url = f"/review/workbench/files/{year.files[0].public_id}/decide/"
    _htmx(client, url, {"state": "verified"})
    statements = _statements(lambda: _htmx(client, url, {"state": "verified"}))
    verify = (client, url, {"state": "verified"})
    on_a_server_thread(lambda: benchmark.pedantic(_htmx, verify, rounds=ROUNDS, warmup_rounds=3))
    cpu = _cpu(lambda: _htmx(client, url, {"state": "verified"}))
    _report(benchmark, year, "one verify (the reply: the next file)", statements, cpu)


def test_one_reject(benchmark, client, year):
    rejected = year.files[1]
    url = f"/review/workbench/files/{rejected.public_id}/decide/"

    def pending():  # each round rejects a waiting file: the agency's people are notified
        Evidence.objects.filter(pk=rejected.pk).update(review_state=EvidenceState.PENDING)

    pending()
    _htmx(client, url, {"state": "rejected", "note": "ไม่ลงนาม"})
    pending()
    statements = _statements(lambda: _htmx(client, url, {"state": "rejected", "note": "ไม่ลงนาม"}))
    on_a_server_thread(lambda: benchmark.pedantic(
        _htmx, (client, url, {"state": "rejected", "note": "ไม่ลงนาม"}), setup=pending, rounds=ROUNDS,
        warmup_rounds=3,
    ))  # fmt: skip
    cpu = _cpu(lambda: _htmx(client, url, {"state": "rejected", "note": "ไม่ลงนาม"}), setup=pending)
    _report(benchmark, year, "one reject with its note", statements, cpu)


def test_one_adjustment(benchmark, client, year, settings):
    settings.REVIEW_FOUR_EYES_THRESHOLD = 100  # the adjustment counts at once (no second reviewer)
    url = f"/review/{year.response.public_id}/questions/P1.2/adjust/"
    data = {"percent": "50", "reason": "รักษาการ CIO"}

    def adjust():
        assert client.post(url, data).status_code == 302

    adjust()
    statements = _statements(adjust)
    on_a_server_thread(lambda: benchmark.pedantic(adjust, rounds=ROUNDS, warmup_rounds=3))
    _report(
        benchmark, year, "one score adjustment (counts at once; the reply is a redirect)", statements,
        _cpu(adjust),
    )  # fmt: skip


def test_the_next_file(benchmark, client, year):
    url = f"/review/workbench/{year.response.public_id}/?file={year.files[-1].public_id}"

    def next_file():
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200

    next_file()
    statements = _statements(next_file)
    on_a_server_thread(lambda: benchmark.pedantic(next_file, rounds=ROUNDS, warmup_rounds=3))
    _report(benchmark, year, "next file (the panel)", statements, _cpu(next_file))


@pytest.mark.parametrize(
    "what, query",
    [
        ("the agencies queue, all agencies, most files waiting first, page 3",
         {"mine": "0", "sort": "-waiting", "page": "3"}),
        ("a search by Thai name", {"mine": "0", "q": "หน่วยงาน 77", "sort": "agency"}),
        ("my agencies (a reviewer's first page)", {}),
    ],
)  # fmt: skip
def test_the_queue(benchmark, client, year, what, query):
    if query:
        client.force_login(UserFactory(is_dga_admin=True))

    def queue():
        assert client.get("/review/workbench/", query).status_code == 200

    queue()
    statements = _statements(queue)
    on_a_server_thread(lambda: benchmark.pedantic(queue, rounds=ROUNDS // 2, warmup_rounds=2))
    _report(benchmark, year, what, statements, _cpu(queue, rounds=ROUNDS // 4))
