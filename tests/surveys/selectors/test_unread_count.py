"""The navigation's unread count is read once and kept, and follows every change at once."""

from django.urls import reverse

from surveys.selectors.notifications import unread_count
from surveys.services.notifications import notifications_mark_read, notify


def _notify(*users):
    return notify(users=users, kind="comment", params={"code": "P1.1"}, link="/inbox/")


def test_a_count_once_read_is_kept_without_a_query(alice, django_assert_num_queries):
    _notify(alice)
    assert unread_count(user=alice) == 1
    with django_assert_num_queries(0):
        assert unread_count(user=alice) == 1


def test_a_new_notification_shows_in_a_count_already_read(alice, bob):
    assert unread_count(user=alice) == 0
    _notify(alice, bob)
    assert unread_count(user=alice) == 1


def test_marking_all_read_empties_a_count_already_read(alice):
    _notify(alice)
    _notify(alice)
    assert unread_count(user=alice) == 2
    notifications_mark_read(user=alice)
    assert unread_count(user=alice) == 0


def test_opening_one_notification_lowers_a_count_already_read(client, alice):
    first, _second = _notify(alice)[0], _notify(alice)[0]
    assert unread_count(user=alice) == 2
    client.force_login(alice)
    client.post(reverse("surveys:notification_open", args=[first.pk]))
    assert unread_count(user=alice) == 1
