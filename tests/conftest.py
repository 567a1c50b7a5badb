"""The shared cast: alice (officer of agency A), bob (approver of A), charlie (officer of
agency B), dana (DGA admin), erin (evaluator); and their agencies' responses."""

import os

import pytest

from agencies.models import MembershipRole
from tests.factories import AgencyFactory, CycleFactory, MembershipFactory, ResponseFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"


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
