"""The shared cast: alice (officer of agency A), bob (approver of A), charlie (officer of
agency B), dana (DGA admin), erin (evaluator); and their agencies' responses."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from agencies.models import MembershipRole
from surveys.services.answers import answers_save
from surveys.services.evidence import evidence_add
from surveys.services.transitions import response_transition
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    MembershipFactory,
    ResponseFactory,
    UserFactory,
    pdf_upload,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    """Rate-limit counters start at zero in every test (ids repeat between tests on SQLite)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _nothing_held_from_an_earlier_test():
    """Work held "after the response" by a request that never finished (a streamed download the
    test did not read) is not carried into the next test, where no request would run it."""
    from common.queue import forget_held

    forget_held()


@pytest.fixture
def cycle(db):
    return CycleFactory()


@pytest.fixture
def agency_a(db):
    return AgencyFactory(code="ALRO", name_th="สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม", abbr_th="ส.ป.ก.")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(code="RID", name_th="กรมชลประทาน")


@pytest.fixture
def alice(agency_a):
    return MembershipFactory(agency=agency_a, role=MembershipRole.OFFICER, user__full_name="Alice").user


@pytest.fixture
def bob(agency_a):
    return MembershipFactory(agency=agency_a, role=MembershipRole.APPROVER, user__full_name="Bob").user


@pytest.fixture
def charlie(agency_b):
    return MembershipFactory(agency=agency_b, role=MembershipRole.OFFICER, user__full_name="Charlie").user


@pytest.fixture
def dana(db):
    return UserFactory(full_name="Dana", is_dga_admin=True)


@pytest.fixture
def erin(db):
    return UserFactory(full_name="Erin", is_evaluator=True)


@pytest.fixture
def response_a(cycle, agency_a):
    return ResponseFactory(cycle=cycle, agency=agency_a)


@pytest.fixture
def response_b(cycle, agency_b):
    return ResponseFactory(cycle=cycle, agency=agency_b)


@pytest.fixture
def sign_in_form(client):
    """Sign in through the login form, as a person does (django-axes needs the request)."""

    def _sign_in(email: str, password: str = PASSWORD):
        return client.post("/accounts/login/", {"username": email, "password": password})

    return _sign_in


@pytest.fixture
def evidence_response(response_a):
    """Agency A's response, whose P1.1 takes evidence for its points."""
    questionnaire = response_a.questionnaire
    questionnaire.definition["pillars"][1]["questions"][0]["evidence"] = "required_for_points"
    questionnaire.checksum = "evidence-needed"
    questionnaire.save()
    return response_a


@pytest.fixture
def close_cycle():
    """Move a cycle's dates so that it closed yesterday."""

    def _close_cycle(cycle):
        cycle.opens_on = timezone.localdate() - timedelta(days=60)
        cycle.closes_on = timezone.localdate() - timedelta(days=1)
        cycle.save()
        return cycle

    return _close_cycle


def _member(response, role):
    return MembershipFactory(agency=response.agency, role=role).user


@pytest.fixture
def request_approval():
    """The officer saves the answers (if any) and asks for approval, as the pages do."""

    def _request_approval(response, answers=None, *, officer=None):
        officer = officer or _member(response, MembershipRole.OFFICER)
        if answers:
            answers_save(response=response, values=answers, by=officer)
        response_transition(response=response, action="request_approval", by=officer)
        return officer

    return _request_approval


@pytest.fixture
def submit(request_approval):
    """The officer saves the answers and asks for approval; the approver approves: the response
    is submitted and its scoring is enqueued when the transaction commits."""

    def _submit(response, answers=None, *, officer=None, approver=None):
        request_approval(response, answers, officer=officer)
        approver = approver or _member(response, MembershipRole.APPROVER)
        response_transition(response=response, action="approve", by=approver, declared=True)

    return _submit


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server listening on a free port, and the portal's SMTP backend pointed at it."""
    from tests.mailserver import SMTPServer

    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def one_pair_of_eyes(settings):
    """Four eyes off (REVIEW_FOUR_EYES): a reviewer's adjustments and decisions count at once."""
    settings.REVIEW_FOUR_EYES = False


@pytest.fixture
def under_review_with_file(evidence_response, alice, bob, dana, submit, django_capture_on_commit_callbacks):
    """Agency A's response with one evidence file on P1.1, submitted and taken into review by DGA."""
    with django_capture_on_commit_callbacks(execute=True):
        answers_save(response=evidence_response, values={"G.1": "A", "P1.1": "approved"}, by=alice)
        evidence_add(response=evidence_response, question_code="P1.1", upload=pdf_upload(), by=alice)
        submit(evidence_response, officer=alice, approver=bob)
        response_transition(response=evidence_response, action="start_review", by=dana)
    return evidence_response
