"""From the validation summary to submission: nothing incomplete goes, nothing late goes."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from surveys.domain.workflow import TransitionError
from surveys.models import CycleTarget, ResponseStatus
from surveys.services.answers import answers_save
from surveys.services.cycles import cycle_target_extend
from surveys.services.review import review_comment_add
from surveys.services.transitions import response_is_open, response_transition
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, small_definition


def save(response, by, **values):
    for code, value in values.items():
        answers_save(response=response, values={code.replace("_", "."): value}, by=by)


@pytest.fixture
def strict_response(agency_a, alice):
    data = small_definition()
    data["code"] = "strict-2566"
    data["pillars"][1]["questions"][0]["required"] = True
    cycle = CycleFactory(year=2567, questionnaire=QuestionnaireFactory(definition=data))
    return ResponseFactory(cycle=cycle, agency=agency_a)


def test_approval_is_refused_while_a_required_question_is_empty(strict_response, alice):
    save(strict_response, alice, P1_2="yes")
    with pytest.raises(TransitionError) as caught:
        response_transition(response=strict_response, action="request_approval", by=alice)
    assert caught.value.code == "incomplete"


def test_the_summary_links_each_problem_to_its_question(client, strict_response, alice):
    client.force_login(alice)
    body = client.get(reverse("surveys:check", args=[strict_response.public_id])).content.decode()
    pillar = reverse("surveys:pillar", args=[strict_response.public_id, "P1"])
    assert f'href="{pillar}#q-P1.1"' in body
    assert 'data-kind="unanswered"' in body
    assert 'data-action="request_approval"' not in body


def test_a_complete_response_may_request_approval_from_the_summary(client, strict_response, alice):
    save(strict_response, alice, P1_1="draft")
    client.force_login(alice)
    body = client.get(reverse("surveys:check", args=[strict_response.public_id])).content.decode()
    assert 'data-problem-count="0"' in body and 'data-action="request_approval"' in body


def _past_deadline(response):
    cycle = response.cycle
    cycle.opens_on = timezone.localdate() - timedelta(days=60)
    cycle.closes_on = timezone.localdate() - timedelta(days=1)
    cycle.save()


def _awaiting(response, alice):
    save(response, alice, P1_1="draft")
    response_transition(response=response, action="request_approval", by=alice)


def test_submission_after_the_close_date_is_refused(response_a, alice, bob):
    _awaiting(response_a, alice)
    _past_deadline(response_a)
    with pytest.raises(TransitionError) as caught:
        response_transition(response=response_a, action="approve", by=bob)
    assert caught.value.code == "closed"


def test_submission_is_allowed_after_an_extension(response_a, alice, bob, dana):
    _awaiting(response_a, alice)
    _past_deadline(response_a)
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    cycle_target_extend(target=target, until=timezone.localdate() + timedelta(days=7), by=dana)
    response_transition(response=response_a, action="approve", by=bob)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED


def test_only_dga_extends_a_deadline(response_a, alice):
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    with pytest.raises(TransitionError):
        cycle_target_extend(target=target, until=timezone.localdate(), by=alice)


def test_the_admin_action_extends_the_chosen_agencies(admin_client, response_a, dana):
    _past_deadline(response_a)
    target = CycleTarget.objects.get(cycle=response_a.cycle, agency=response_a.agency)
    until = timezone.localdate() + timedelta(days=5)
    admin_client.force_login(dana)
    dana.is_staff = dana.is_superuser = True
    dana.save()
    page = admin_client.post(
        reverse("admin:surveys_cycletarget_changelist"),
        {
            "action": "extend_deadline",
            "_selected_action": [target.pk],
            "until": until.isoformat(),
            "apply": "1",
        },
    )
    assert page.status_code == 302
    target.refresh_from_db()
    assert target.deadline == until
    assert response_is_open(response_a)
    assert site.is_registered(CycleTarget)


def test_the_approver_reads_the_whole_response_and_can_approve(client, response_a, alice, bob):
    _awaiting(response_a, alice)
    client.force_login(bob)
    body = client.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert 'data-answer="P1.1"' in body and "ร่าง" in body
    assert 'data-action="approve"' in body and 'data-action="send_back"' in body


def test_the_officer_reads_it_without_the_approvers_buttons(client, response_a, alice):
    _awaiting(response_a, alice)
    client.force_login(alice)
    body = client.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert 'data-action="approve"' not in body


def test_the_printable_view_dates_in_the_buddhist_era(client, response_a, alice):
    client.force_login(alice)
    body = client.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert str(timezone.localdate().year + 543) in body


def test_the_whole_response_is_404_for_another_agency(client, response_a, charlie):
    client.force_login(charlie)
    assert client.get(reverse("surveys:full", args=[response_a.public_id])).status_code == 404
    assert client.get(reverse("surveys:check", args=[response_a.public_id])).status_code == 404


def test_dgas_comments_show_beside_their_questions(client, response_a, alice, dana):
    review_comment_add(response=response_a, question_code="P1.2", body="แนบคำสั่งแต่งตั้ง", by=dana)
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    section = body[body.index('id="q-P1.2"') :]
    assert "แนบคำสั่งแต่งตั้ง" in section[: section.index("</section>")]
    full = client.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert "แนบคำสั่งแต่งตั้ง" in full


def test_only_dga_comments_on_questions(response_a, alice):
    with pytest.raises(TransitionError):
        review_comment_add(response=response_a, question_code="P1.2", body="x", by=alice)


def test_a_returned_response_is_edited_again_and_goes_round_the_loop(response_a, alice, bob, dana):
    _awaiting(response_a, alice)
    response_transition(response=response_a, action="approve", by=bob)
    response_transition(response=response_a, action="start_review", by=dana)
    review_comment_add(response=response_a, question_code="P1.1", body="ขอหลักฐาน", by=dana)
    response_transition(response=response_a, action="return", by=dana, comment="ดูความเห็น")
    save(response_a, alice, P1_1="approved")
    response_transition(response=response_a, action="request_approval", by=alice)
    response_transition(response=response_a, action="approve", by=bob)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.SUBMITTED


def test_a_submitted_response_is_read_only_on_its_pillar_page(client, response_a, alice, bob):
    _awaiting(response_a, alice)
    response_transition(response=response_a, action="approve", by=bob)
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert "disabled" in body and "<noscript>" not in body
