"""The worst values a response can hold (the largest numbers, every control character, the longest
text, numbers stored before the bounds) break no page of that response and no export."""

import pytest
from django.urls import reverse

from surveys.models import Answer, ExportFormat, ExportJob, ExportKind, ExportState, Response, ResponseStatus
from surveys.services.exports import export_request, export_run
from surveys.services.scoring import response_request_scoring, response_score
from tests.security.urls import path_of, portal_routes

HTMX = {"HTTP_HX_REQUEST": "true"}
CONTROLS = "".join(chr(c) for c in [*range(1, 32), *range(0x7F, 0xA0)])  # NUL the form refuses
LONG_TEXT = (CONTROLS + "=cmd|' /C calc'!A0 ข้อความ ") * (5000 // (len(CONTROLS) + 25))
ACCEPTED = {"G.1": LONG_TEXT[:5000], "P3.1": "999999999999999.9"}
STORED_BEFORE = [10**309, -(10**309), 1e308, 10**4000]
RESPONSE_PARAMS = {"public_id", "pillar_code", "question_code", "year", "code"}


def _response_routes():
    return [
        r
        for r in portal_routes()
        if r.key.startswith("surveys:") and "public_id" in r.params and set(r.params) <= RESPONSE_PARAMS
    ]


def _paths(response: Response) -> list[str]:
    definition = response.questionnaire.parsed
    paths = []
    for route in _response_routes():
        for pillar in definition.pillars if "pillar_code" in route.params else [None]:
            for code in definition.questions_by_code if "question_code" in route.params else [None]:
                values = {
                    "public_id": response.public_id,
                    "pillar_code": pillar.code if pillar else "",
                    "question_code": code,
                    "year": response.cycle.year,
                    "code": response.questionnaire.code,
                }
                paths.append(path_of(route, values))
    cycle_pages = [
        reverse("surveys:cycle", args=[response.cycle.year]),
        reverse("surveys:dashboard", args=[response.cycle.year]),
        reverse("surveys:dashboard_agencies", args=[response.cycle.year]),
        reverse("surveys:questionnaire", args=[response.questionnaire.code]),
        reverse("surveys:review"),
    ]
    return paths + cycle_pages


@pytest.fixture(params=["accepted by the form", *[f"stored {v!r:.12}" for v in STORED_BEFORE]])
def worst(request, client, alice, response_a):
    client.force_login(alice)
    for code, value in ACCEPTED.items():
        path = reverse("surveys:autosave", args=[response_a.public_id, code])
        assert client.post(path, {code: value, "version": 0}, **HTMX).status_code == 200
    if request.param != "accepted by the form":
        value = STORED_BEFORE[[f"stored {v!r:.12}" for v in STORED_BEFORE].index(request.param)]
        Answer.objects.filter(response=response_a, question_code="P3.1").update(value=value)
    Response.objects.filter(pk=response_a.pk).update(status=ResponseStatus.SUBMITTED)
    response_request_scoring(response=response_a)
    response_score(response_id=response_a.pk)
    response_a.refresh_from_db()
    return response_a


def test_the_response_pages_are_found():
    keys = {r.key for r in _response_routes()}
    assert {"surveys:pillar", "surveys:check", "surveys:full", "surveys:score_card"} <= keys


@pytest.mark.parametrize("role", ["alice", "bob", "dana", "erin"])
def test_every_page_of_the_response_renders(client, worst, role, request):
    client.force_login(request.getfixturevalue(role))
    for path in _paths(worst):
        assert client.get(path).status_code < 500, path


@pytest.mark.parametrize("fmt", ExportFormat.values)
@pytest.mark.parametrize("kind", ExportKind.values)
def test_every_export_is_written(worst, dana, kind, fmt):
    job = export_request(questionnaire=worst.questionnaire, kind=kind, fmt=fmt, by=dana)
    export_run(job_id=job.pk)
    job = ExportJob.objects.get(pk=job.pk)
    assert (job.state, job.error) == (ExportState.DONE, "")
    assert job.done == 1
