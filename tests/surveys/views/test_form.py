"""The pillar form: one answer saved at a time, with a version, nobody overwrites anybody; last
year's answers; the validation summary and the whole response; the session kept alive."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from surveys.models import AnswerChange, ResponseStatus
from surveys.services.answers import answers_save
from surveys.services.review import review_comment_add
from tests.factories import CycleFactory, QuestionnaireFactory, ResponseFactory, wide_definition

HTMX = {"HTTP_HX_REQUEST": "true"}


def autosave(client, response, code, value, version=0):
    path = reverse("surveys:autosave", args=[response.public_id, code])
    return client.post(path, {code: value, "version": version}, **HTMX)


def test_it_saves_one_answer_and_says_when(client, alice, response_a):
    client.force_login(alice)
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 200
    assert 'data-state="saved"' in page.content.decode()
    assert response_a.answers.get(question_code="P1.1").value == "draft"


def test_the_reply_carries_the_new_version_for_the_next_save(client, alice, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    page = autosave(client, response_a, "P1.1", "approved", version=1)
    assert 'name="version" value="2"' in page.content.decode()


def test_a_save_on_a_stale_version_is_refused_with_the_other_persons_value(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    page = autosave(client, response_a, "P1.1", "approved", version=0)
    body = page.content.decode()
    assert page.status_code == 409
    assert "Alice" in body and "ร่าง" in body
    assert response_a.answers.get(question_code="P1.1").value == "draft"


def test_the_stale_reply_offers_the_current_version_to_save_over_it_on_purpose(
    client, alice, bob, response_a
):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    assert 'name="version" value="1"' in autosave(client, response_a, "P1.1", "approved").content.decode()
    assert autosave(client, response_a, "P1.1", "approved", version=1).status_code == 200
    assert response_a.answers.get(question_code="P1.1").value == "approved"


def test_saving_the_value_already_there_succeeds_on_any_version(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    assert autosave(client, response_a, "P1.1", "draft", version=0).status_code == 200
    assert AnswerChange.objects.filter(answer__response=response_a).count() == 1


def test_an_invalid_value_is_refused_with_the_reason(client, alice, response_a):
    client.force_login(alice)
    page = autosave(client, response_a, "P3.1", "-4")
    assert page.status_code == 422
    assert 'data-state="invalid"' in page.content.decode()
    assert not response_a.answers.exists()


def test_an_ended_session_gets_401_and_nothing_changes(client, response_a):
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 401
    assert 'data-state="session"' in page.content.decode()


def test_an_officer_of_another_agency_gets_404(client, charlie, response_a):
    client.force_login(charlie)
    assert autosave(client, response_a, "P1.1", "draft").status_code == 404


def test_a_locked_response_refuses_saves_and_says_why(client, alice, response_a):
    response_a.status = ResponseStatus.AWAITING_APPROVAL
    response_a.save()
    client.force_login(alice)
    page = autosave(client, response_a, "P1.1", "draft")
    assert page.status_code == 423
    assert 'data-state="error"' in page.content.decode()


def test_the_pillar_page_shows_who_changed_each_answer_last(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    autosave(client, response_a, "P1.1", "approved", version=1)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert "Bob" in body


def test_the_history_of_an_answer_lists_every_change(client, alice, bob, response_a):
    client.force_login(alice)
    autosave(client, response_a, "P1.1", "draft")
    client.force_login(bob)
    autosave(client, response_a, "P1.1", "approved", version=1)
    page = client.get(reverse("surveys:answer_history", args=[response_a.public_id, "P1.1"]))
    body = page.content.decode()
    assert body.count("data-version=") == 2
    assert "Alice" in body and "Bob" in body


def test_keepalive_answers_204_signed_in_and_401_after(client, alice):
    assert client.post(reverse("surveys:keepalive")).status_code == 401
    client.force_login(alice)
    assert client.post(reverse("surveys:keepalive")).status_code == 204


def test_the_pillar_page_warns_before_the_session_ends(client, alice, response_a, settings):
    settings.SESSION_COOKIE_AGE, settings.SESSION_WARNING_SECONDS = 600, 120
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert 'data-session-seconds="600"' in body and 'data-session-warning="120"' in body


def test_the_summary_links_each_problem_to_its_question(client, strict_response, alice):
    client.force_login(alice)
    body = client.get(reverse("surveys:check", args=[strict_response.public_id])).content.decode()
    pillar = reverse("surveys:pillar", args=[strict_response.public_id, "P1"])
    assert f'href="{pillar}#q-P1.1"' in body
    assert 'data-kind="unanswered"' in body
    assert 'data-action="request_approval"' not in body


def test_a_complete_response_may_request_approval_from_the_summary(client, strict_response, alice):
    answers_save(response=strict_response, values={"P1.1": "draft"}, by=alice)
    client.force_login(alice)
    body = client.get(reverse("surveys:check", args=[strict_response.public_id])).content.decode()
    assert 'data-problem-count="0"' in body and 'data-action="request_approval"' in body


def test_the_approver_reads_the_whole_response_and_can_approve(
    client, response_a, alice, bob, request_approval
):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
    client.force_login(bob)
    body = client.get(reverse("surveys:full", args=[response_a.public_id])).content.decode()
    assert 'data-answer="P1.1"' in body and "ร่าง" in body
    assert 'data-action="approve"' in body and 'data-action="send_back"' in body


def test_the_officer_reads_it_without_the_approvers_buttons(client, response_a, alice, request_approval):
    request_approval(response_a, {"P1.1": "draft"}, officer=alice)
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


def test_a_submitted_response_is_read_only_on_its_pillar_page(client, response_a, alice, bob, submit):
    submit(response_a, {"P1.1": "draft"}, officer=alice, approver=bob)
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert "disabled" in body and "<noscript>" not in body


def test_each_question_shows_last_years_answer(client, alice, response_a, last_year):
    client.force_login(alice)
    body = client.get(reverse("surveys:pillar", args=[response_a.public_id, "P1"])).content.decode()
    assert body.count("data-previous") == 2
    assert "อนุมัติแล้ว" in body


def test_another_agencys_last_year_is_never_shown(client, charlie, response_b, last_year):
    client.force_login(charlie)
    body = client.get(reverse("surveys:pillar", args=[response_b.public_id, "P1"])).content.decode()
    assert "data-previous" not in body


def test_the_copy_button_posts_and_reports(client, alice, response_a, last_year):
    client.force_login(alice)
    page = client.post(reverse("surveys:copy_previous", args=[response_a.public_id, "P1"]), follow=True)
    assert response_a.answers.count() == 3
    assert 'role="status"' in page.content.decode()


def queries_for(client, user, agency, n):
    cycle = CycleFactory(
        year=2600 + n, questionnaire=QuestionnaireFactory(definition=wide_definition(n, f"w{n}"))
    )
    response = ResponseFactory(cycle=cycle, agency=agency)
    answers_save(response=response, values={f"W.{i}": "b" for i in (1, 4)}, by=user)
    client.force_login(user)
    path = reverse("surveys:pillar", args=[response.public_id, "W"])
    client.get(path)  # warm the definition cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_a_pillar_of_ten_or_of_sixty_questions_costs_the_same_queries(client, alice, agency_a):
    assert queries_for(client, alice, agency_a, 10) == queries_for(client, alice, agency_a, 60)


def url(response, name="surveys:response", **kwargs):
    return reverse(name, kwargs={"public_id": response.public_id, **kwargs})


def test_the_pillar_form_saves_answers(client, alice, response_a, post_answers):
    client.force_login(alice)
    page = client.post(url(response_a, "surveys:autosave", question_code="P1.1"), {"P1.1": "draft"})
    assert page.status_code == 302
    post_answers(response_a, P1_2="yes")
    values = dict(response_a.answers.values_list("question_code", "value"))
    assert values == {"P1.1": "draft", "P1.2": "yes"}


def test_a_number_is_stored_as_a_number(client, alice, response_a, post_answers):
    client.force_login(alice)
    post_answers(response_a, P3_1="7")
    assert response_a.answers.get(question_code="P3.1").value == 7


def test_an_unknown_pillar_is_404(client, alice, response_a):
    client.force_login(alice)
    assert client.get(url(response_a, "surveys:pillar", pillar_code="P9")).status_code == 404


def test_the_pillar_page_reads_the_officers_memberships_once_with_the_response(client, alice, response_a):
    client.force_login(alice)
    path = reverse("surveys:pillar", args=[response_a.public_id, "P1"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    reads = [q["sql"] for q in captured if '"agencies_membership"' in q["sql"]]
    assert len(reads) == 1 and '"surveys_response" r' in reads[0]  # the response's own statement


def test_an_autosave_reads_the_officers_memberships_with_the_locked_response(client, alice, response_a):
    client.force_login(alice)
    path = url(response_a, "surveys:autosave", question_code="P1.1")
    with CaptureQueriesContext(connection) as captured:
        assert client.post(path, {"P1.1": "draft"}, HTTP_HX_REQUEST="true").status_code == 200
    reads = [q["sql"] for q in captured if '"agencies_membership"' in q["sql"]]
    assert len(reads) == 1 and '"surveys_answer" ans' in reads[0]  # the statement that locks and reads
