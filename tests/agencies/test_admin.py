"""Adding a person in the Django admin invites them to set their own password."""

import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import User
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, is_dga_admin=True)


def test_a_person_added_in_the_admin_gets_a_set_password_email(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("admin:agencies_user_add"),
            {
                "email": "new@example.com",
                "full_name": "ใหม่",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )
    assert page.status_code == 302
    assert not User.objects.get(email="new@example.com").has_usable_password()
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    assert "/accounts/reset/" in mail.outbox[0].body
