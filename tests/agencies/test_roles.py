"""The role predicates: one answer per person and role, whoever asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from agencies import roles
from surveys import access
from tests.factories import MembershipFactory, UserFactory


def test_a_dga_admin_is_a_dga_admin_and_sees_all_agencies(dana):
    assert roles.is_dga_admin(dana)
    assert not roles.is_evaluator(dana)
    assert roles.sees_all_agencies(dana)


def test_an_evaluator_is_an_evaluator_and_sees_all_agencies(erin):
    assert roles.is_evaluator(erin)
    assert not roles.is_dga_admin(erin)
    assert roles.sees_all_agencies(erin)


def test_an_officer_holds_no_dga_role(alice):
    assert not roles.is_dga_admin(alice)
    assert not roles.is_evaluator(alice)
    assert not roles.sees_all_agencies(alice)


def test_a_signed_out_visitor_holds_no_role():
    visitor = AnonymousUser()
    assert not roles.is_signed_in(visitor)
    assert not roles.sees_all_agencies(visitor)
    assert roles.role_names(visitor) == set()


@pytest.mark.django_db
def test_a_deactivated_admin_or_evaluator_loses_the_role():
    admin = UserFactory(is_dga_admin=True, is_evaluator=True, is_active=False)
    assert not roles.is_dga_admin(admin)
    assert not roles.is_evaluator(admin)
    assert not roles.sees_all_agencies(admin)


def test_agency_roles_are_the_memberships_in_that_agency_only(bob, agency_a, agency_b):
    assert roles.agency_roles(bob, agency_a.pk) == {"approver"}
    assert roles.agency_roles(bob, agency_b.pk) == set()


def test_role_names_list_every_role_for_the_navigation(agency_a, agency_b):
    person = MembershipFactory(agency=agency_a, role="approver", user__is_evaluator=True).user
    MembershipFactory(agency=agency_b, role="officer", user=person)
    assert roles.role_names(person) == {"officer", "approver", "evaluator"}


def test_the_review_pages_refuse_everyone_but_dga_admins(dana, erin, bob):
    access.require_reviewer(dana)
    for person in (erin, bob, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            access.require_reviewer(person)


def test_the_pages_across_agencies_admit_admins_and_evaluators_only(dana, erin, alice):
    access.require_all_agencies_reader(dana)
    access.require_all_agencies_reader(erin)
    with pytest.raises(PermissionDenied):
        access.require_all_agencies_reader(alice)


def test_a_user_object_outside_a_request_sees_a_membership_added_after_its_first_question(alice, agency_b):
    assert roles.agency_roles(alice, agency_b.pk) == set()
    MembershipFactory(user=alice, agency=agency_b, role="approver")
    assert roles.agency_roles(alice, agency_b.pk) == {"approver"}


def test_the_person_a_request_is_from_has_their_memberships_read_once(
    alice, agency_a, django_assert_num_queries
):
    roles.for_one_request(alice)
    with django_assert_num_queries(1):
        assert roles.agency_roles(alice, agency_a.pk) == {"officer"}
        assert roles.role_names(alice) == {"officer"}
        assert agency_a.pk in roles.memberships(alice)


def test_memberships_are_the_rows_the_orm_holds_for_that_person_only(agency_a, agency_b):
    person = MembershipFactory(agency=agency_a, role="approver").user
    MembershipFactory(agency=agency_b, role="officer", user=person)
    MembershipFactory(agency=agency_b, role="approver")  # someone else's
    by_orm = {m.agency_id: frozenset({m.role}) for m in person.memberships.all()}
    assert (
        roles.memberships(person)
        == by_orm
        == {
            agency_a.pk: frozenset({"approver"}),
            agency_b.pk: frozenset({"officer"}),
        }
    )


def test_memberships_a_read_brought_along_spare_the_query(alice, agency_a, django_assert_num_queries):
    roles.for_one_request(alice)
    assert roles.memberships_wanted(alice)
    roles.memberships_read(alice, [(agency_a.pk, "officer")])
    assert not roles.memberships_wanted(alice)
    with django_assert_num_queries(0):
        assert roles.agency_roles(alice, agency_a.pk) == {"officer"}


def test_only_the_person_a_request_is_from_has_memberships_brought_along(alice):
    assert not roles.memberships_wanted(alice)
    assert not roles.memberships_wanted(AnonymousUser())
