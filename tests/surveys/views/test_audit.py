"""The audit log pages: a response's changes and a person's actions, read-only, for DGA admins."""

import pytest
from django.urls import reverse

from agencies.models import AuditEvent
from surveys.services.answers import answers_save


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
