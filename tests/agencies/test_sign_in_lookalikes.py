"""Look-alike sign-in names: one account, one counter, however the address is written."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.models import User
from tests.factories import MembershipFactory

EMAIL = "lisa.pilai@example.com"
LOOKALIKES = {
    "fullwidth": "ｌisa.pｉlai@example.com",
    "dotless i": "lısa.pılai@example.com",
    "zero-width": "lisa\u200b.pilai@example.com",
    "format character": "lisa.pilai\u2060@example.com",
    "case": "LISA.Pilai@Example.COM",
    "whitespace": " \tlisa.pilai@example.com \u00a0",
}


@pytest.fixture
def lisa(agency_a):
    return MembershipFactory(agency=agency_a, user__email=EMAIL).user


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_lookalike_name_cannot_sign_in_to_a_locked_account(client, lisa, sign_in_form, settings, name):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_form(EMAIL, "wrong-password")
    page = sign_in_form(name)  # the right password
    assert page.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_lookalike_name_gets_no_fresh_attempts(client, lisa, sign_in_form, settings, name):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in_form(EMAIL, "wrong-password")
    sign_in_form(name, "wrong-password")  # the last attempt, under another spelling
    assert sign_in_form(EMAIL).status_code == 429


@pytest.mark.parametrize("name", ["ｌisa.pilai@example.com", "LISA.PILAI@example.com"])
def test_the_same_address_in_another_spelling_signs_in_before_any_lockout(client, lisa, sign_in_form, name):
    assert sign_in_form(name).status_code == 302


@pytest.mark.parametrize("name", ["lisa\u200b.pilai@example.com", "lisa.pilai@exam\u200dple.com"])
def test_a_name_with_an_invisible_character_never_signs_in(client, lisa, sign_in_form, name):
    assert sign_in_form(name).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "name", [v for k, v in LOOKALIKES.items() if k not in ("zero-width", "format character")]
)
def test_an_account_whose_name_normalises_to_another_accounts_cannot_be_made(lisa, name):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(name, "x-password-1")


def test_the_admin_form_refuses_a_lookalike_of_an_existing_address(lisa):
    with pytest.raises(ValidationError):
        User(email="ＬＩＳＡ.pilai@example.com", full_name="Copy").full_clean()


def test_an_address_with_an_invisible_character_cannot_be_registered(db):
    with pytest.raises(ValidationError):
        User(email="li\u200bsa@example.com", full_name="Hidden").full_clean()


def test_addresses_are_stored_normalised(db):
    assert User.objects.create_user(" ＬISA.Pılai@Example.com ", "x-password-1").email == EMAIL
