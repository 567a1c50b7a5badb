"""The response model's own methods."""

import pytest
from django.utils import translation

from surveys.models import Response, ResponseStatus


@pytest.mark.parametrize(("language", "label"), [("th", "ส่งแล้ว"), ("en", "Submitted")])
def test_a_status_is_shown_by_its_label_in_the_active_language(language, label):
    with translation.override(language):
        assert Response(status=ResponseStatus.SUBMITTED).get_status_display() == label


def test_a_status_that_is_no_choice_is_shown_as_it_is_stored():
    assert Response(status="archived").get_status_display() == "archived"
