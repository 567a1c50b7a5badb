"""Four eyes through the API: the API has no route of its own that returns or accepts a response
(or writes its status, scores or adjustments); its only writes are the answer and the evidence,
through the pages' services. A new write route must go through surveys.services.proposals
(review_decide), as the pages do, and be added here deliberately."""

import pytest

from surveys.models import ResponseStatus, ScoreAdjustment

# Every write the API offers: saving an answer and attaching evidence (the respondent's own work).
KNOWN_WRITES = {
    ("put", "/api/v1/responses/{public_id}/answers/{question_code}"),
    ("post", "/api/v1/responses/{public_id}/answers/{question_code}/evidence"),
}


def test_the_api_writes_nothing_but_answers_and_evidence(api, token_for, dana):
    schema = api(token_for(dana, "read", "admin")).get("/openapi.json").json()
    writes = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }
    assert writes == KNOWN_WRITES


@pytest.mark.parametrize("action", ["accept", "return"])
def test_a_dga_admins_token_cannot_accept_or_return_an_adjusted_response(
    api, token_for, dana, response_a, action
):
    response_a.status = ResponseStatus.UNDER_REVIEW
    response_a.save(update_fields=["status"])
    ScoreAdjustment.objects.create(response=response_a, question_code="P1.2", score=0.5, reason="x", by=dana)
    client = api(token_for(dana, "read", "answer", "admin"))
    base = f"/api/v1/responses/{response_a.public_id}"
    for path in (f"{base}/{action}", f"{base}/actions/{action}", f"{base}/status"):
        assert client.client.post(path, {"action": action}, headers=client.headers).status_code in (404, 405)
    response_a.refresh_from_db()
    assert response_a.status == ResponseStatus.UNDER_REVIEW
