"""XSS: script payloads in every free-text field come out escaped on every page that shows them.

One poisoned world: the agency's name, the questionnaire's texts and choice labels, a text
answer, workflow comments (send back, return), DGA's review comment, an evidence file name, a
person's name and an award category's title all carry the payloads.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from agencies.models import MembershipRole
from agencies.services.tokens import token_create
from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.models import ResponseEvent, ResponseStatus, ReviewComment
from surveys.services.answers import answer_save
from surveys.services.evidence import evidence_add
from surveys.services.exports import export_request, export_run
from tests.awards.conftest import TOTAL, awards_data, score
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    MembershipFactory,
    QuestionnaireFactory,
    ResponseFactory,
    UserFactory,
    pdf_upload,
    small_definition,
)
from tests.security.conftest import World
from tests.security.test_authorisation_matrix import MATRIX, ROLES, url_for

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW = ("<script>alert(1)", "<img src=x onerror")


def payload(field: str) -> str:
    return f"{field} {SCRIPT} {IMG}"


def poisoned_definition() -> dict:
    definition = small_definition()
    definition["code"] = "xss-2566"
    definition["title"]["en"] = payload("questionnaire")
    p1 = definition["pillars"][1]
    p1["title"] = {"th": payload("pillar"), "en": payload("pillar")}
    question = p1["questions"][0]
    question["text"] = {"th": payload("question"), "en": payload("question")}
    question["help"] = {"th": payload("help"), "en": payload("help")}
    question["choices"][1]["label"] = {"th": payload("choice"), "en": payload("choice")}
    question["evidence"] = "optional"
    return definition


@pytest.fixture
def poisoned(db) -> World:
    cycle = CycleFactory(year=2599, questionnaire=QuestionnaireFactory(definition=poisoned_definition()))
    agency = AgencyFactory(code="XSS", name_th=payload("agency"), name_en=payload("agency"))
    officer = MembershipFactory(
        agency=agency, role=MembershipRole.OFFICER, user__full_name=payload("person")
    ).user
    approver = MembershipFactory(agency=agency, role=MembershipRole.APPROVER).user
    outsider = MembershipFactory(role=MembershipRole.OFFICER).user
    dga = UserFactory(is_dga_admin=True)
    response = ResponseFactory(cycle=cycle, agency=agency)
    answer_save(response=response, question_code="G.1", value=payload("answer"), base_version=0, by=officer)
    answer_save(response=response, question_code="P1.1", value="draft", base_version=0, by=officer)
    evidence = evidence_add(
        response=response,
        question_code="P1.1",
        upload=pdf_upload(payload("file") + ".pdf"),
        by=officer,
    )
    for action, who in (("send_back", approver), ("return", dga)):
        ResponseEvent.objects.create(
            response=response,
            action=action,
            from_status="draft",
            to_status="draft",
            actor=who,
            comment=payload(action),
        )
    ReviewComment.objects.create(response=response, question_code="P1.1", body=payload("review"), author=dga)
    score(response, 0.9)
    awards = awards_import(
        data={
            **awards_data({**TOTAL, "title": {"th": payload("award"), "en": payload("award")}}),
            "questionnaire": "xss-2566",
        }
    )
    # Ranked as accepted, then back to a draft so that its officers' pages show everything.
    response.status = ResponseStatus.ACCEPTED
    response.save(update_fields=["status"])
    awards_rank(awards_id=awards.pk)
    response.status = ResponseStatus.DRAFT
    response.save(update_fields=["status"])
    evaluator = UserFactory(is_evaluator=True)
    users = {
        "anonymous": None,
        "officer_a": officer,
        "officer_b": outsider,
        "approver_a": approver,
        "dga_admin": dga,
        "evaluator": evaluator,
        "reviewer": UserFactory(is_reviewer=True),
    }
    job = export_request(questionnaire=response.questionnaire, kind="responses", fmt="csv", by=dga)
    export_run(job_id=job.pk)
    job.refresh_from_db()
    token, _secret = token_create(user=officer, name=payload("token"), scopes=["read"], days=30)
    return World(users, response, evidence, awards.code, agency.code, job, token.pk)


def page(world: World, role: str, url: str) -> str:
    client = Client()
    client.force_login(world.users[role])
    reply = client.get(url)
    assert reply.status_code == 200, url
    return reply.content.decode()


# Where each field is shown, and who looks.
SHOWN = [
    ("agency", "officer_a", "surveys:my_responses"),
    ("agency", "officer_a", "surveys:response"),
    ("agency", "dga_admin", "surveys:dashboard_agencies"),
    ("agency", "dga_admin", "agencies:list"),
    ("agency", "evaluator", "awards:ranking"),
    ("pillar", "officer_a", "surveys:pillar"),
    ("question", "officer_a", "surveys:pillar"),
    ("help", "officer_a", "surveys:pillar"),
    ("choice", "officer_a", "surveys:pillar"),
    ("question", "approver_a", "surveys:full"),
    ("choice", "approver_a", "surveys:full"),
    ("question", "dga_admin", "surveys:questionnaire"),
    ("choice", "dga_admin", "surveys:questionnaire"),
    ("answer", "officer_a", "surveys:full"),
    ("send_back", "officer_a", "surveys:response"),
    ("return", "officer_a", "surveys:full"),
    ("review", "officer_a", "surveys:pillar"),
    ("person", "approver_a", "surveys:full"),
    ("award", "evaluator", "awards:index"),
    ("award", "evaluator", "awards:ranking"),
]


@pytest.mark.parametrize(("field", "role", "key"), SHOWN)
def test_the_field_is_shown_escaped(poisoned, field, role, key):
    body = page(poisoned, role, url_for(poisoned, key))
    assert escape(payload(field)) in body or escape(payload(field)).replace("&quot;", "&#x27;") in body
    assert not any(raw in body for raw in RAW)


def test_a_file_name_loses_its_markup_and_is_shown_escaped(poisoned):
    body = page(poisoned, "approver_a", url_for(poisoned, "surveys:full"))
    name = poisoned.evidence.original_name
    assert "<" not in name and ">" not in name and '"' not in name
    assert f">{escape(name)}</a>" in body
    assert not any(raw in body for raw in RAW)


def test_a_text_answer_is_escaped_inside_its_input(poisoned):
    body = page(poisoned, "officer_a", reverse("surveys:pillar", args=[poisoned.response.public_id, "G"]))
    assert escape(payload("answer")) in body
    assert not any(raw in body for raw in RAW)


@pytest.mark.parametrize("key", sorted(k for k, row in MATRIX.items() if row[0] == "GET"))
def test_no_page_shows_a_payload_raw(poisoned, key):
    url = url_for(poisoned, key)
    for role in ROLES[1:]:
        client = Client()
        client.force_login(poisoned.users[role])
        reply = client.get(url)
        if reply.status_code == 200 and reply.get("Content-Type", "").startswith("text/html"):
            body = reply.content.decode()
            assert not any(raw in body for raw in RAW), f"{role} {url}"
