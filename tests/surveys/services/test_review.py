"""DGA's review through the service layer: comments on questions."""

import pytest

from surveys.domain.workflow import TransitionError
from surveys.services.review import review_comment_add


def test_only_dga_comments_on_questions(response_a, alice):
    with pytest.raises(TransitionError):
        review_comment_add(response=response_a, question_code="P1.2", body="x", by=alice)
