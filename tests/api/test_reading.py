"""Reading: cursor pagination, filters, conditional GET (ETag and 304), questionnaires as JSON."""

from tests.factories import AgencyFactory, ResponseFactory


def test_an_unchanged_resource_answers_304_to_its_etag(api, token_for, alice, response_a):
    client = api(token_for(alice, "read"))
    first = client.get(f"/responses/{response_a.public_id}")
    again = client.get(f"/responses/{response_a.public_id}", **{"If-None-Match": first["ETag"]})
    assert first.status_code == 200 and first["ETag"] and again.status_code == 304 and again.content == b""


def test_a_changed_resource_answers_200_to_its_old_etag(api, token_for, alice, response_a):
    client = api(token_for(alice, "answer", "read"))
    first = client.get(f"/responses/{response_a.public_id}/answers")
    client.put(f"/responses/{response_a.public_id}/answers/P1.1", {"value": "draft", "version": 0})
    again = client.get(f"/responses/{response_a.public_id}/answers", **{"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again.json()[0]["value"] == "draft"


def test_the_cursor_walks_every_response_once(api, token_for, dana, cycle):
    for _ in range(5):
        ResponseFactory(cycle=cycle, agency=AgencyFactory())
    client = api(token_for(dana, "read", "admin"))
    page = client.get("/responses?page_size=2").json()
    seen = [r["id"] for r in page["results"]]
    while page["next"]:
        page = client.get(page["next"].split("/api/v1", 1)[1]).json()
        seen += [r["id"] for r in page["results"]]
    assert len(seen) == 5 and len(set(seen)) == 5


def test_responses_filter_by_agency_and_status(api, token_for, dana, response_a, response_b):
    client = api(token_for(dana, "read", "admin"))
    found = client.get(f"/responses?agency={response_b.agency.code}&status={response_b.status}").json()[
        "results"
    ]
    assert [r["id"] for r in found] == [str(response_b.public_id)]
    assert client.get("/responses?status=accepted").json()["results"] == []


def test_a_questionnaire_comes_with_its_definition(api, token_for, alice, response_a):
    reply = api(token_for(alice, "read")).get(f"/questionnaires/{response_a.questionnaire.code}")
    codes = [p["code"] for p in reply.json()["definition"]["pillars"]]
    assert codes == ["G", "P1", "P3"]


def test_an_api_path_no_route_matches_answers_json_404(api, token_for, alice):
    reply = api(token_for(alice, "read")).get("/cycles/not-a-year")
    assert reply.status_code == 404 and reply.json() == {"detail": "Not Found"}
