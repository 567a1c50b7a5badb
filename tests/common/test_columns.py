"""common.columns: a field's column by its name, as the plain statements write it."""

import pytest

from agencies.models import Agency, Membership
from common.columns import column


def test_a_foreign_key_is_named_by_its_column():
    assert column(Membership, "agency") == "agency_id"


def test_the_other_side_of_a_relation_has_no_column():
    with pytest.raises(TypeError):
        column(Agency, "memberships")
