"""The object rule of surveys/access.py in its two forms — a condition for lists (`visible`) and a
check of one loaded response (`may_see`) — gives the same answer for every role and status."""

import pytest
from django.http import Http404

from surveys import access
from surveys.models import ResponseStatus, ReviewAssignment
from tests.factories import AgencyFactory, MembershipFactory, ResponseFactory, UserFactory

PEOPLE = [
    "officer of the agency",
    "approver of the agency",
    "officer of another agency",
    "DGA admin",
    "evaluator",
    "assigned reviewer",
    "unassigned reviewer",
    "deactivated officer of the agency",
]


def _person(kind: str, agency, other_agency):
    if kind == "officer of the agency":
        return MembershipFactory(agency=agency).user
    if kind == "approver of the agency":
        return MembershipFactory(agency=agency, role="approver").user
    if kind == "officer of another agency":
        return MembershipFactory(agency=other_agency).user
    if kind == "DGA admin":
        return UserFactory(is_dga_admin=True)
    if kind == "evaluator":
        return UserFactory(is_evaluator=True)
    if kind == "deactivated officer of the agency":
        user = MembershipFactory(agency=agency).user
        user.is_active = False
        user.save()
        return user
    reviewer = UserFactory(is_reviewer=True)
    if kind == "assigned reviewer":
        ReviewAssignment.objects.create(reviewer=reviewer, agency=agency)
    return reviewer


@pytest.mark.django_db
@pytest.mark.parametrize("status", ResponseStatus.values)
@pytest.mark.parametrize("kind", PEOPLE)
def test_the_check_of_one_response_agrees_with_the_condition_on_many(kind, status):
    agency, other_agency = AgencyFactory(), AgencyFactory()
    response = ResponseFactory(agency=agency, status=status)
    user = _person(kind, agency, other_agency)
    in_list = access.responses_visible_to(user).filter(pk=response.pk).exists()
    assert access.may_see(user, response) is in_list


@pytest.mark.django_db
def test_an_officer_of_another_agency_gets_404_from_response_for_user(response_a, charlie):
    with pytest.raises(Http404):
        access.response_for_user(charlie, response_a.public_id)
