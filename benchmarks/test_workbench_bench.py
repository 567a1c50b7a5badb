"""The review workbench with 8,000 agencies (a national assessment's size): server time of one
verify, one reject, one "next file", and of the agencies queue. The contract's budget for a
decision is a 30 ms median (docs/contract.md). Scoring is not in these figures: it follows the
response (on the worker, or in-process after the response is sent), never inside it."""

from django.utils import timezone

from agencies.models import Agency, Ministry
from surveys.models import Evidence, Response, ReviewAssignment, ScoreCard
from tests.factories import CycleFactory, UserFactory

AGENCIES = 8000
FILES_EACH = 3


def _year(cycle, reviewer):
    ministries = Ministry.objects.bulk_create(
        [Ministry(code=f"M{n:02d}", name_th=f"กระทรวง {n}") for n in range(20)]
    )
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                code=f"W{n:05d}", name_th=f"หน่วยงาน {n}", name_en=f"Agency {n}", ministry=ministries[n % 20]
            )
            for n in range(AGENCIES)
        ]
    )
    responses = Response.objects.bulk_create(
        [
            Response(agency=a, questionnaire=cycle.questionnaire, cycle=cycle, status="under_review",
                     submitted_at=timezone.now())
            for a in agencies
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
        [ReviewAssignment(agency=a, reviewer=reviewer) for a in agencies if a.ministry_id == ministries[0].pk]
    )
    return responses[0]


def _report(benchmark, what: str) -> None:
    median = benchmark.stats.stats.median
    print(f"\nworkbench, {AGENCIES} agencies: {what}: median {median * 1000:.1f} ms")


def test_one_verify_and_one_reject_with_8000_agencies(benchmark, client, db):
    cycle = CycleFactory()
    reviewer = UserFactory(is_reviewer=True)
    response = _year(cycle, reviewer)
    files = list(Evidence.objects.filter(response=response).order_by("question_code"))
    client.force_login(reviewer)
    verify = f"/review/workbench/files/{files[0].public_id}/decide/"
    reject = f"/review/workbench/files/{files[1].public_id}/decide/"
    assert client.post(verify, {"state": "verified"}, HTTP_HX_REQUEST="true").status_code == 200

    def decide():
        client.post(verify, {"state": "verified"}, HTTP_HX_REQUEST="true")
        client.post(reject, {"state": "rejected", "note": "ไม่ลงนาม"}, HTTP_HX_REQUEST="true")

    benchmark.pedantic(decide, rounds=40, iterations=1, warmup_rounds=3)
    median = benchmark.stats.stats.median / 2
    print(f"\nworkbench, {AGENCIES} agencies: one decision (verify or reject): median {median * 1000:.1f} ms")


def test_the_next_file_with_8000_agencies(benchmark, client, db):
    cycle = CycleFactory()
    reviewer = UserFactory(is_reviewer=True)
    response = _year(cycle, reviewer)
    target = Evidence.objects.filter(response=response).order_by("question_code").last()
    client.force_login(reviewer)
    url = f"/review/workbench/{response.public_id}/?file={target.public_id}"
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
    benchmark(client.get, url, HTTP_HX_REQUEST="true")
    _report(benchmark, "next file (the panel)")


def test_the_agencies_queue_with_8000_agencies(benchmark, client, db):
    cycle = CycleFactory()
    _year(cycle, UserFactory(is_reviewer=True))
    client.force_login(UserFactory(is_dga_admin=True))
    query = {"mine": "0", "sort": "-waiting", "page": "3"}
    assert client.get("/review/workbench/", query).status_code == 200
    benchmark(client.get, "/review/workbench/", query)
    _report(benchmark, "the agencies queue, all agencies, most files waiting first, page 3")


def test_the_search_in_the_queue_with_8000_agencies(benchmark, client, db):
    cycle = CycleFactory()
    _year(cycle, UserFactory(is_reviewer=True))
    client.force_login(UserFactory(is_dga_admin=True))
    query = {"mine": "0", "q": "หน่วยงาน 77", "sort": "agency"}
    assert client.get("/review/workbench/", query).status_code == 200
    benchmark(client.get, "/review/workbench/", query)
    _report(benchmark, "a search by Thai name")
