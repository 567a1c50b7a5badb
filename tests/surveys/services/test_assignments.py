"""Assigning agencies to reviewers: in bulk by ministry, moved by a new assignment, audited, admins only."""

import pytest
from django.core.exceptions import PermissionDenied

from agencies.models import AuditEvent
from surveys.access import responses_visible_to
from surveys.models import ResponseStatus, ReviewAssignment
from surveys.services.assignments import agencies_to_assign, review_assign
from tests.factories import AgencyFactory, MinistryFactory, ResponseFactory, UserFactory


@pytest.fixture
def rita(db):
    return UserFactory(full_name="Rita", is_reviewer=True)


def test_an_admin_assigns_a_whole_ministry_in_one_step_and_it_is_audited(dana, rita):
    ministry = MinistryFactory(code="MOAC")
    AgencyFactory.create_batch(3, ministry=ministry)
    AgencyFactory()  # another ministry's
    assert review_assign(agencies=agencies_to_assign(ministry="MOAC"), reviewer=rita, by=dana) == 3
    assert ReviewAssignment.objects.filter(reviewer=rita).count() == 3
    assert AuditEvent.objects.filter(action="review.assign", actor=dana).count() == 1


def test_assigning_again_moves_the_agency_to_the_new_reviewer(dana, rita, agency_a):
    other = UserFactory(is_reviewer=True)
    review_assign(agencies=agencies_to_assign(codes=[agency_a.code]), reviewer=other, by=dana)
    review_assign(agencies=agencies_to_assign(codes=[agency_a.code]), reviewer=rita, by=dana)
    assert ReviewAssignment.objects.get(agency=agency_a).reviewer == rita


def test_a_reviewer_cannot_assign_agencies(rita, agency_a):
    with pytest.raises(PermissionDenied):
        review_assign(agencies=agencies_to_assign(codes=[agency_a.code]), reviewer=rita, by=rita)


def test_no_criterion_chooses_no_agency(agency_a):
    assert not agencies_to_assign().exists()


def test_a_reviewer_sees_only_their_agencies_responses_once_submitted(dana, rita, cycle, agency_a, agency_b):
    review_assign(agencies=agencies_to_assign(codes=[agency_a.code]), reviewer=rita, by=dana)
    mine = ResponseFactory(cycle=cycle, agency=agency_a, status=ResponseStatus.SUBMITTED)
    ResponseFactory(cycle=cycle, agency=agency_b, status=ResponseStatus.SUBMITTED)
    assert list(responses_visible_to(rita)) == [mine]
    mine.status = ResponseStatus.DRAFT
    mine.save()
    assert not responses_visible_to(rita).exists()
