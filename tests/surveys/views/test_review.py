"""Acceptance 1 and 2: DGA reviews a response end to end through the pages, every change is
rescored by the real scoring task (eager in tests), and each step is in the audit log."""

import pytest
from django.urls import reverse

from agencies.models import AuditEvent
from surveys.models import Evidence, Response, ScoreAdjustment, ScoreCard
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, pdf_upload, small_definition


@pytest.fixture
def response(agency_a):
    """Agency A's response to a questionnaire whose P1.1 takes evidence for its points."""
    definition = small_definition(code="evidence-2566")
    definition["pillars"][1]["questions"][0]["evidence"] = "required_for_points"
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=definition))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def total(response) -> float:
    return ScoreCard.objects.get(response=response).total


@pytest.fixture
def submitted(response, alice, bob, submit, django_capture_on_commit_callbacks):
    values = {"G.1": "Alice", "P1.1": "approved", "P1.2": "yes", "P3.1": 12}
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=response, values=values, by=alice)
        evidence_add(response=response, question_code="P1.1", upload=pdf_upload(), by=alice)
        submit(response, officer=alice, approver=bob)
    return response


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post to a review page as the signed-in person; what waits for the commit runs."""

    def _post(name, *args, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(f"surveys:{name}", args=args), data)

    return _post


def test_review_end_to_end_rescores_every_change_and_logs_every_step(
    client, dana, alice, bob, submitted, post, submit, django_capture_on_commit_callbacks, one_pair_of_eyes
):
    cb = django_capture_on_commit_callbacks
    assert total(submitted) == pytest.approx(1.0)
    client.force_login(dana)
    post("review_action", submitted.public_id, "start_review")
    page = client.get(reverse("surveys:review_response", args=[submitted.public_id])).content.decode()
    assert (
        "plan.pdf" in page
        and reverse("surveys:evidence_preview", args=[Evidence.objects.get().public_id]) in page
    )

    evidence = Evidence.objects.get(response=submitted)
    post("review_evidence", evidence.public_id, state="rejected", note="Not signed")
    assert total(submitted) == pytest.approx((0.5 + 1) / 2)  # P1: (0 + 1) / 2, P3: 1

    post("review_adjust", submitted.public_id, "P1.2", percent="50", reason="CIO acting only")
    assert total(submitted) == pytest.approx((0.25 + 1) / 2)
    assert ScoreAdjustment.objects.get(response=submitted).by == dana

    post("review_comment", submitted.public_id, "P1.1", body="Attach the signed plan")
    post("review_action", submitted.public_id, "return", comment="See P1.1")
    submitted.refresh_from_db()
    assert submitted.status == "returned"

    client.force_login(alice)
    pillar = client.get(reverse("surveys:pillar", args=[submitted.public_id, "P1"])).content.decode()
    assert "Attach the signed plan" in pillar
    with cb(execute=True):
        client.post(
            reverse("surveys:evidence_upload", args=[submitted.public_id, "P1.1"]),
            {"file": pdf_upload("signed.pdf")},
        )
        submit(submitted, officer=alice, approver=bob)

    client.force_login(dana)
    post("review_action", submitted.public_id, "accept")
    submitted.refresh_from_db()
    assert submitted.status == "accepted"
    assert total(submitted) == pytest.approx(
        ((1 + 0.5) / 2 + 1) / 2
    )  # the new file counts; P1.2 stays adjusted

    actions = list(
        AuditEvent.objects.filter(target_id=str(submitted.pk), target_type="surveys.response")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    expected = [
        "response.start_review", "evidence.reject", "score.adjust", "comment.add", "response.return",
        "evidence.add", "response.request_approval", "response.approve", "response.accept",
    ]  # fmt: skip
    assert actions[-len(expected) :] == expected
    rejection = AuditEvent.objects.get(action="evidence.reject")
    assert (rejection.actor, rejection.data["reason"], rejection.data["before"]) == (
        dana,
        "Not signed",
        "pending",
    )
    adjust = AuditEvent.objects.get(action="score.adjust")
    assert (adjust.data["after"], adjust.data["reason"], adjust.data["question"]) == (
        0.5,
        "CIO acting only",
        "P1.2",
    )


def test_an_accepted_response_is_locked_against_review_changes(client, dana, submitted, post):
    client.force_login(dana)
    post("review_action", submitted.public_id, "accept")
    post("review_adjust", submitted.public_id, "P1.2", percent="0", reason="x")
    assert not ScoreAdjustment.objects.exists()


def test_reopening_needs_a_reason_and_is_logged(client, dana, submitted, post):
    client.force_login(dana)
    post("review_action", submitted.public_id, "accept")
    post("review_action", submitted.public_id, "reopen", comment="")
    assert Response.objects.get(pk=submitted.pk).status == "accepted"
    post("review_action", submitted.public_id, "reopen", comment="Evidence was forged")
    assert Response.objects.get(pk=submitted.pk).status == "under_review"
    assert AuditEvent.objects.get(action="response.reopen").data["reason"] == "Evidence was forged"


def test_a_rejection_without_a_note_is_refused(client, dana, submitted, post):
    client.force_login(dana)
    evidence = Evidence.objects.get(response=submitted)
    post("review_evidence", evidence.public_id, state="rejected", note=" ")
    assert Evidence.objects.get(pk=evidence.pk).review_state == "pending"


def test_an_adjustment_without_a_reason_is_refused(client, dana, submitted, post):
    client.force_login(dana)
    post("review_adjust", submitted.public_id, "P1.2", percent="10", reason="")
    assert not ScoreAdjustment.objects.exists()


def test_verifying_evidence_records_the_reviewer(client, dana, submitted, post):
    client.force_login(dana)
    evidence = Evidence.objects.get(response=submitted)
    post("review_evidence", evidence.public_id, state="verified", note="")
    evidence.refresh_from_db()
    assert (evidence.review_state, evidence.reviewed_by, evidence.reviewed_at is not None) == (
        "verified",
        dana,
        True,
    )
    assert AuditEvent.objects.filter(action="evidence.verify").count() == 1


@pytest.mark.parametrize("name", ["alice", "erin"])
def test_only_dga_admins_open_the_review_page_and_decide(client, request, name, submitted):
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("surveys:review_response", args=[submitted.public_id])).status_code == 403
    evidence = Evidence.objects.get(response=submitted)
    reply = client.post(reverse("surveys:review_evidence", args=[evidence.public_id]), {"state": "verified"})
    assert reply.status_code == 403
    assert Evidence.objects.get(pk=evidence.pk).review_state == "pending"


def test_the_review_page_shows_answers_and_last_years_answer(
    client, dana, response_a, alice, agency_a, previous_cycle
):
    ResponseFactory(cycle=previous_cycle, agency=agency_a, answers={"P1.1": "draft"})
    answers_save(response=response_a, values={"P1.1": "approved"}, by=alice)
    client.force_login(dana)
    page = client.get(reverse("surveys:review_response", args=[response_a.public_id])).content.decode()
    assert "อนุมัติแล้ว" in page  # this year's answer, as its label
    assert "ร่าง" in page  # last year's
