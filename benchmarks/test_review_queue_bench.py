"""The review queue with 2,000 responses: server time of a filtered, sorted page (its queries
are constant: tests/surveys/test_review_queue.py proves it for 5 and 50 responses)."""

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from benchmarks.server_thread import on_a_server_thread
from surveys.models import Evidence, Response, ScoreCard
from tests.factories import CycleFactory, UserFactory

RESPONSES = 2000


def test_the_review_queue_of_2000_responses(benchmark, client, db):
    cycle = CycleFactory()
    agencies = Agency.objects.bulk_create(
        [Agency(code=f"Q{n:05d}", name_th=f"หน่วยงาน {n}") for n in range(RESPONSES)]
    )
    responses = Response.objects.bulk_create(
        [
            Response(
                agency=a,
                questionnaire=cycle.questionnaire,
                cycle=cycle,
                status="submitted",
                submitted_at=timezone.now(),
            )
            for a in agencies
        ]
    )
    ScoreCard.objects.bulk_create(
        [
            ScoreCard(
                response=r, questionnaire=cycle.questionnaire, total=(r.pk % 100) / 100, band="low", card={}
            )
            for r in responses
        ]
    )
    Evidence.objects.bulk_create(
        [
            Evidence(response=r, question_code="P1.1", file="evidence/x.pdf", original_name="x.pdf",
                     content_type="application/pdf", extension=".pdf", size=1)
            for r in responses[::3]
        ]
    )  # fmt: skip
    with connection.cursor() as cursor:  # the statistics autovacuum keeps on a live database
        cursor.execute("ANALYZE")
    client.force_login(UserFactory(is_dga_admin=True))
    url = reverse("surveys:review")
    query = {"waiting": "1", "sort": "-total", "page": "3"}
    client.get(url, query)
    assert client.get(url, query).status_code == 200
    on_a_server_thread(lambda: benchmark(client.get, url, query))
    median = benchmark.stats.stats.median
    print(f"\nreview queue: {RESPONSES} responses, evidence waiting, by total: median {median * 1000:.1f} ms")
