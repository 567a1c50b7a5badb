"""The review page's evidence previews, the audit log pages and the agency's benchmark."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import AuditEvent
from surveys.models import Evidence, Response, ScoreCard
from surveys.selectors.responses import previous_score_card
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from tests.factories import QuestionnaireFactory, ResponseFactory, small_definition

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def evidence(response_a, alice):
    upload = SimpleUploadedFile("plan.pdf", PDF)
    return evidence_add(response=response_a, question_code="P1.1", upload=upload, by=alice)


def test_the_preview_may_be_framed_by_the_portal_only(client, dana, evidence):
    client.force_login(dana)
    reply = client.get(reverse("surveys:evidence_preview", args=[evidence.public_id]))
    assert reply.status_code == 200
    assert reply["X-Frame-Options"] == "SAMEORIGIN"
    assert reply["Content-Disposition"].startswith("inline")
    assert b"".join(reply.streaming_content) == PDF


def test_the_download_keeps_refusing_frames(client, dana, evidence):
    client.force_login(dana)
    reply = client.get(reverse("surveys:evidence", args=[evidence.public_id]))
    assert reply["X-Frame-Options"] == "DENY"
    assert reply["Content-Disposition"].startswith("attachment")


def test_another_agency_cannot_preview_the_evidence(client, charlie, evidence):
    client.force_login(charlie)
    assert client.get(reverse("surveys:evidence_preview", args=[evidence.public_id])).status_code == 404


def test_office_files_are_not_previewed(client, dana, evidence):
    Evidence.objects.filter(pk=evidence.pk).update(content_type="application/vnd.ms-excel")
    client.force_login(dana)
    assert client.get(reverse("surveys:evidence_preview", args=[evidence.public_id])).status_code == 404


def test_the_review_page_shows_answers_and_last_years_answer(client, dana, response_a, alice, agency_a):
    from tests.factories import CycleFactory

    earlier = CycleFactory(year=2565, questionnaire=QuestionnaireFactory(definition=_named("earlier-2565")))
    old = ResponseFactory(cycle=earlier, agency=agency_a)
    old.answers.create(question_code="P1.1", value="draft")
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    page = client.get(reverse("surveys:review_response", args=[response_a.public_id])).content.decode()
    assert "อนุมัติแล้ว" in page  # this year's answer, as its label
    assert "ร่าง" in page  # last year's


def _named(code: str) -> dict:
    definition = small_definition()
    definition["code"] = code
    definition["year"] = 2565
    return definition


def test_the_audit_log_of_a_response_lists_its_changes(client, dana, response_a, alice):
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    page = client.get(reverse("surveys:audit_response", args=[response_a.public_id])).content.decode()
    assert 'data-action="answer.change"' in page and 'data-action="response.start"' in page
    assert "Alice" in page


def test_the_audit_log_of_a_person_lists_what_they_did(client, dana, response_a, alice):
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    page = client.get(reverse("surveys:audit_user", args=[alice.pk])).content.decode()
    assert (
        page.count('data-action="answer.change"')
        == AuditEvent.objects.filter(actor=alice, action="answer.change").count()
    )


def test_the_audit_log_pages_have_no_way_to_change_a_row(client, dana, response_a, alice):
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    page = client.get(reverse("surveys:audit_response", args=[response_a.public_id])).content.decode()
    assert "<form" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("name", ["alice", "erin"])
def test_only_dga_admins_read_the_audit_log(client, request, name, response_a, alice):
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("surveys:audit_response", args=[response_a.public_id])).status_code == 403
    assert client.get(reverse("surveys:audit_user", args=[alice.pk])).status_code == 403


def card(response, total, p1, p3):
    return ScoreCard.objects.create(
        response=response, questionnaire=response.questionnaire, total=total, band="low",
        card={"total": total, "band": "low", "questions": {}, "nodes": {
            "P1": {"code": "P1", "score": p1, "weight": 1}, "P3": {"code": "P3", "score": p3, "weight": 1},
        }},
    )  # fmt: skip


@pytest.fixture
def benchmarked(response_a, response_b, agency_a):
    from tests.factories import CycleFactory

    Response.objects.filter(pk__in=[response_a.pk, response_b.pk]).update(status="accepted")
    card(response_a, 0.6, 0.8, 0.4)
    card(response_b, 0.2, 0.2, 0.2)
    earlier = CycleFactory(year=2565, questionnaire=QuestionnaireFactory(definition=_named("earlier-2565")))
    card(ResponseFactory(cycle=earlier, agency=agency_a, status="accepted"), 0.5, 0.5, 0.5)
    return response_a


def test_results_imported_without_a_cycle_count_as_the_previous_cycle(benchmarked, agency_a):

    Response.objects.filter(cycle__year=2565).delete()
    imported = QuestionnaireFactory(definition=_named("results-2564") | {"year": 2564})
    card(
        ResponseFactory(cycle=None, questionnaire=imported, agency=agency_a, status="accepted"), 0.3, 0.3, 0.3
    )
    assert previous_score_card(response=benchmarked).questionnaire == imported


def row(page: str, pillar: str) -> str:
    return page.split(f'data-pillar="{pillar}"', 1)[1].split("</tr>", 1)[0]


def test_the_benchmark_compares_with_the_averages_and_the_previous_cycle(client, erin, benchmarked):
    client.force_login(erin)
    page = client.get(reverse("surveys:benchmark", args=[benchmarked.public_id])).content.decode()
    p1 = row(page, "P1")
    assert '<td class="text-end" data-agency>80.00' in p1
    assert "data-national>50.00" in p1  # (0.8 + 0.2) / 2
    assert "data-previous>50.00" in p1
    assert "data-change>30.00" in p1
    assert 'id="benchmark-data"' in page and "js/benchmark.js" in page


def test_an_officer_sees_the_benchmark_once_scores_are_shown_to_agencies(client, alice, benchmarked):
    client.force_login(alice)
    url = reverse("surveys:benchmark", args=[benchmarked.public_id])
    assert client.get(url).status_code == 403
    benchmarked.cycle.scores_visible_to_agencies = True
    benchmarked.cycle.save()
    assert client.get(url).status_code == 200


def test_another_agency_cannot_open_the_benchmark(client, charlie, benchmarked):
    benchmarked.cycle.scores_visible_to_agencies = True
    benchmarked.cycle.save()
    client.force_login(charlie)
    assert client.get(reverse("surveys:benchmark", args=[benchmarked.public_id])).status_code == 404
