"""The form guides (issue 13): the server's refusals beside the field, in the person's language;
formats and exclusive choices; hidden questions take no answer; required marks, % complete, next
steps; drafts of questionnaires stay with DGA."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import AuditEvent
from surveys.models import AnswerChange
from surveys.services.answers import answers_save
from tests.factories import (
    CycleFactory,
    QuestionnaireFactory,
    ResponseFactory,
    pdf_upload,
    small_definition,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def guided_definition() -> dict:
    definition = small_definition(code="guides-2566")
    definition["pillars"] = [
        {
            "code": "A",
            "title": {"th": "ก", "en": "A"},
            "questions": [
                {"code": "A.1", "type": "number", "text": {"th": "ร้อยละ", "en": "Percent"}, "min": 0,
                 "max": 100, "required": True},
                {"code": "A.2", "type": "text", "format": "email", "text": {"th": "อีเมล", "en": "E-mail"}},
                {"code": "A.3", "type": "multi_choice", "text": {"th": "ช่องทาง", "en": "Channels"},
                 "choices": [
                     {"code": "web", "label": {"th": "เว็บ", "en": "Web"}},
                     {"code": "app", "label": {"th": "แอป", "en": "App"}},
                     {"code": "none", "label": {"th": "ไม่มีข้อใดเลย", "en": "None"}, "exclusive": True},
                 ]},
                {"code": "A.4", "type": "yes_no", "text": {"th": "มีเว็บไซต์", "en": "A website?"}},
                {"code": "A.5", "type": "text", "text": {"th": "ที่อยู่เว็บ", "en": "Address"},
                 "visible_if": {"question": "A.4", "equals": "yes"}},
            ],
        },
        {"code": "B", "title": {"th": "ข", "en": "B"},
         "questions": [{"code": "B.1", "type": "text", "format": "phone", "text": {"th": "โทร"}}]},
    ]  # fmt: skip
    return definition


@pytest.fixture
def guided(agency_a):
    cycle = CycleFactory(questionnaire=QuestionnaireFactory(definition=guided_definition()))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def autosave(client, response, code, value, version=0):
    path = reverse("surveys:autosave", args=[response.public_id, code])
    return client.post(path, {code: value, "version": version}, **HTMX)


def test_a_number_out_of_range_is_refused_with_the_reason_in_thai_and_nothing_is_saved(client, alice, guided):
    client.force_login(alice)
    page = autosave(client, guided, "A.1", "150")
    body = page.content.decode()
    assert page.status_code == 422
    assert 'data-state="invalid"' in body and "100" in body and "ยังไม่ได้บันทึก" in body
    assert not guided.answers.exists()


def test_an_invalid_email_is_refused_and_a_valid_one_saved(client, alice, guided):
    client.force_login(alice)
    assert autosave(client, guided, "A.2", "not-an-email").status_code == 422
    assert autosave(client, guided, "A.2", "cio@example.go.th").status_code == 200
    assert guided.answers.get(question_code="A.2").value == "cio@example.go.th"


def test_a_phone_number_with_letters_is_refused(client, alice, guided):
    client.force_login(alice)
    assert autosave(client, guided, "B.1", "call me").status_code == 422
    assert autosave(client, guided, "B.1", "+66 2 612 6000").status_code == 200


def test_an_exclusive_choice_chosen_with_another_is_refused(client, alice, guided):
    client.force_login(alice)
    path = reverse("surveys:autosave", args=[guided.public_id, "A.3"])
    page = client.post(path, {"A.3": ["web", "none"], "version": 0}, **HTMX)
    assert page.status_code == 422
    assert "ไม่มีข้อใดเลย" in page.content.decode()
    assert client.post(path, {"A.3": ["none"], "version": 0}, **HTMX).status_code == 200


def test_autosave_of_a_hidden_question_is_refused(client, alice, guided):
    client.force_login(alice)
    page = autosave(client, guided, "A.5", "https://example.go.th")
    assert page.status_code == 422
    assert not guided.answers.filter(question_code="A.5").exists()


def test_an_answer_that_becomes_hidden_is_cleared_with_its_history(client, alice, guided):
    client.force_login(alice)
    autosave(client, guided, "A.4", "yes")
    autosave(client, guided, "A.5", "https://example.go.th")
    page = autosave(client, guided, "A.4", "no", version=1)
    cleared = guided.answers.get(question_code="A.5")
    assert cleared.value is None and cleared.version == 2
    assert AnswerChange.objects.filter(answer=cleared, version=2, new_value__isnull=True).exists()
    assert 'id="version-A.5" hx-swap-oob="true" data-cleared' in page.content.decode()
    assert AuditEvent.objects.filter(action="answer.change", data__question="A.5").count() == 2


def test_one_autosave_reads_the_response_and_its_answers_in_one_locking_statement_and_writes_three_rows(
    client, alice, guided
):
    client.force_login(alice)
    autosave(client, guided, "A.1", "10")
    with CaptureQueriesContext(connection) as queries:
        assert autosave(client, guided, "A.1", "20", version=1).status_code == 200
    answer_reads = [
        q["sql"] for q in queries if '"surveys_answer"' in q["sql"] and q["sql"].startswith("SELECT")
    ]
    sent = [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("INSERT", "UPDATE")) and "django_session" not in q["sql"]
    ]
    written = [
        statement.split(" (")[0].split(" SET ")[0]
        for sql in sent
        for statement in re.split(r"; (?=INSERT |UPDATE )", sql)
    ]
    response_reads = [q["sql"] for q in queries if '"surveys_response" r' in q["sql"]]
    assert len(answer_reads) == 1 and answer_reads == response_reads  # the response, its lock, its answers
    assert answer_reads[0].endswith("FOR UPDATE OF r") == (connection.vendor == "postgresql")
    assert written == [
        'UPDATE "surveys_answer"',
        'INSERT INTO "surveys_answerchange"',
        'INSERT INTO "agencies_auditevent"',
    ]
    # PostgreSQL takes the three in one round trip (common.writes); SQLite, in-process, one by one.
    assert len(sent) == (1 if connection.vendor == "postgresql" else 3)


def test_evidence_is_refused_on_a_question_that_takes_none(client, alice, guided):
    client.force_login(alice)
    path = reverse("surveys:evidence_upload", args=[guided.public_id, "A.1"])
    page = client.post(path, {"file": pdf_upload()}, **HTMX)
    assert page.status_code == 422
    assert not guided.evidence.exists()


def test_an_officer_gets_404_on_an_unpublished_questionnaire(client, alice):
    draft = QuestionnaireFactory(definition=small_definition(code="draft-2567"), published_at=None)
    client.force_login(alice)
    assert client.get(reverse("surveys:questionnaire", args=[draft.code])).status_code == 404


def test_a_dga_admin_reads_an_unpublished_questionnaire(client, dana):
    draft = QuestionnaireFactory(definition=small_definition(code="draft-2567"), published_at=None)
    client.force_login(dana)
    assert client.get(reverse("surveys:questionnaire", args=[draft.code])).status_code == 200


def test_a_required_question_is_marked_and_named_required_for_screen_readers(client, alice, guided):
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[guided.public_id, "A"])).content.decode()
    assert (
        '<span class="text-danger" aria-hidden="true">*</span><span class="visually-hidden"> (จำเป็น)</span>'
        in body
    )
    assert body.count('aria-hidden="true">*</span>') == 1


def test_the_inputs_mirror_the_servers_rules(client, alice, guided):
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[guided.public_id, "A"])).content.decode()
    assert 'type="number" name="A.1" value="" step="any" min="0" max="100" inputmode="decimal"' in body
    assert 'type="email" name="A.2" value="" maxlength="254" inputmode="email"' in body
    assert 'value="none" aria-describedby="state-A.3" data-exclusive' in body
    assert "novalidate" in body  # the server says what is wrong, in the person's language


def test_the_page_shows_the_overall_percent_and_the_next_steps(client, alice, guided):
    answers_save(response=guided, values={"A.1": 50, "A.2": "a@example.com"}, by=alice)
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[guided.public_id, "A"])).content.decode()
    assert 'data-overall="40"' in body  # 2 of 5 visible answerable questions
    assert 'href="#q-A.3" data-next-open' in body
    assert reverse("surveys:pillar", args=[guided.public_id, "B"]) + '" data-next-pillar' in body
    assert 'data-bs-toggle="collapse" data-bs-target="#pillar-nav-body"' in body
