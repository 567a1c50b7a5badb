"""common.paging: a filtered, sorted list read a page at a time, ids first, then the rows shown."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Membership
from common.paging import IdsFirst
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _members() -> Subquery:
    counted = Membership.objects.filter(agency=OuterRef("pk")).order_by().values("agency")
    return Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField())


@pytest.fixture
def agencies() -> list[Agency]:
    return [AgencyFactory(code=f"A{n}") for n in range(5)]


def test_a_page_holds_the_rows_in_the_order_of_the_sort(agencies):
    paged = IdsFirst(Agency.objects.order_by("-code"))
    assert [a.code for a in paged[1:4]] == ["A3", "A2", "A1"]


def test_a_page_is_two_statements_and_the_length_one(agencies):
    paged = IdsFirst(Agency.objects.order_by("code"))
    with CaptureQueriesContext(connection) as seen:
        page = Paginator(paged, 2).get_page(2)
        codes = [a.code for a in page]
    assert (codes, page.paginator.count, len(seen)) == (["A2", "A3"], 5, 3)


def test_the_ids_statement_computes_no_annotation_the_sort_does_not_name(agencies):
    paged = IdsFirst(Agency.objects.annotate(members=_members()).order_by("code"))
    with CaptureQueriesContext(connection) as seen:
        paged[0:2]
    ids_statement, rows_statement = (q["sql"] for q in seen.captured_queries)
    membership = Membership._meta.db_table
    assert (membership in ids_statement, membership in rows_statement) == (False, True)


def test_an_annotation_the_sort_names_is_computed_for_every_row(agencies):
    MembershipFactory.create_batch(2, agency=agencies[3])
    most_first = F("members").desc(nulls_last=True)
    paged = IdsFirst(Agency.objects.annotate(members=_members()).order_by(most_first, "code"))
    assert [(a.code, a.members) for a in paged[0:2]] == [("A3", 2), ("A0", None)]


def test_the_rows_shown_are_read_as_the_caller_asks(agencies):
    paged = IdsFirst(Agency.objects.order_by("code"), lambda rows: rows.only("code"))
    first = paged[0]
    others = {f.attname for f in Agency._meta.concrete_fields} - {"id", "code"}
    assert (first.code, first.get_deferred_fields()) == ("A0", others)


def test_a_row_that_left_the_list_between_the_two_statements_is_left_out(agencies):
    gone = agencies[1]

    def shown(rows):
        Agency.objects.filter(pk=gone.pk).update(code="gone")
        return rows.exclude(code="gone")

    assert [a.code for a in IdsFirst(Agency.objects.order_by("code"), shown)[0:3]] == ["A0", "A2"]


def test_an_index_past_the_end_is_an_index_error(agencies):
    with pytest.raises(IndexError):
        IdsFirst(Agency.objects.order_by("code"))[5]
