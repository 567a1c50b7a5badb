"""The review queue as the paginator reads it: a count, and pages found by id then read whole."""

import pytest
from django.utils import timezone

from surveys.models import Evidence, ResponseStatus
from surveys.selectors.review import QueueFilters, review_queue
from tests.factories import ResponseFactory, ScoreCardFactory


def test_the_queue_reads_as_a_sequence_in_its_sort(dana, cycle, django_assert_num_queries):
    responses = [
        ResponseFactory(cycle=cycle, status=ResponseStatus.SUBMITTED, submitted_at=timezone.now())
        for _ in range(3)
    ]
    for total, response in zip((0.2, 0.9, 0.5), responses, strict=True):
        ScoreCardFactory(response=response, total=total)
    Evidence.objects.create(
        response=responses[1], question_code="P1.1", file="evidence/x.pdf", original_name="x.pdf",
        content_type="application/pdf", extension=".pdf", size=10,
    )  # fmt: skip
    queue = review_queue(user=dana, filters=QueueFilters(cycle=cycle, sort="-total"))
    with django_assert_num_queries(2):  # the page's ids, then its rows
        page = queue[0:2]
    first, second = responses[1], responses[2]
    assert [(r.pk, r.total, r.waiting) for r in page] == [(first.pk, 0.9, 1), (second.pk, 0.5, 0)]
    assert len(queue) == queue.count() == 3
    assert [r.pk for r in queue] == [responses[i].pk for i in (1, 2, 0)]
    assert queue[2].pk == responses[0].pk
    assert queue[3:] == []
    with pytest.raises(IndexError):
        queue[3]
