"""The authorisation matrix: every URL of the portal × every role, with the status each must get.

The URL list comes from the URL configuration, so a new URL without a line here fails
`test_every_url_of_the_portal_has_a_line_in_the_matrix`. The Django admin's own URLs follow one
rule (staff only), tested below. Each role's request runs in a savepoint that is rolled back, so
one role's POST never changes what the next role sees.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from surveys.models import Notification
from tests.factories import UserFactory, pdf_upload
from tests.security.urls import admin_routes, path_of, portal_routes

LOGIN = "login"  # a redirect to the sign-in page
ROLES = ("anonymous", "officer_a", "officer_b", "approver_a", "dga_admin", "evaluator", "reviewer")

# fmt: off
# The response is agency A's draft; officer B is the outsider; the evaluator sees only submitted work;
# the cycle does not show scores to agencies yet (its people get the "DGA releases scores" page).
MATRIX: dict[str, tuple] = {
    # url                          method   anonymous officer_a officer_b approver_a dga_admin evaluator rev.
    "home":                        ("GET",  LOGIN,    302,      302,      302,       302,      302, 302),
    "healthz":                     ("GET",  200,      200,      200,      200,       200,      200, 200),
    "login":                       ("GET",  200,      200,      200,      200,       200,      200, 200),
    "logout":                      ("POST", 302,      302,      302,      302,       302,      302, 302),
    "password_change":             ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "password_change_done":        ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "password_reset":              ("GET",  200,      200,      200,      200,       200,      200, 200),
    "password_reset_done":         ("GET",  200,      200,      200,      200,       200,      200, 200),
    "password_reset_confirm":      ("GET",  200,      200,      200,      200,       200,      200, 200),
    "password_reset_complete":     ("GET",  200,      200,      200,      200,       200,      200, 200),
    "set_language":                ("POST", 302,      302,      302,      302,       302,      302, 302),
    "favicon.ico":                 ("GET",  302,      302,      302,      302,       302,      302, 302),
    "surveys:my_responses":        ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "surveys:response":            ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:pillar":              ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:copy_previous":       ("POST", LOGIN,    302,      404,      302,       403,      404, 404),
    "surveys:autosave":            ("POST", LOGIN,    302,      404,      302,       403,      404, 404),
    "surveys:answer_history":      ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:evidence_upload":     ("POST", LOGIN,    302,      404,      302,       403,      404, 404),
    "surveys:check":               ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:full":                ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:evidence":            ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:evidence_remove":     ("POST", LOGIN,    302,      404,      302,       403,      404, 404),
    "surveys:keepalive":           ("POST", 401,      204,      204,      204,       204,      204, 204),
    "surveys:action":              ("POST", LOGIN,    302,      404,      302,       403,      404, 404),
    "surveys:score_card":          ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    # A submission receipt: the PDF for those who see the response; the public check for anyone.
    "surveys:receipt":             ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:verify":              ("GET",  200,      200,      200,      200,       200,      200, 200),
    "surveys:rescore":             ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:rescore_start":       ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "surveys:rescore_progress":    ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:review":              ("GET",  LOGIN,    403,      403,      403,       200,      403, 200),
    "surveys:cycle":               ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "surveys:dashboard":           ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "surveys:dashboard_agencies":  ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "surveys:questionnaire":       ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "awards:index":                ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "awards:results":              ("GET",  200,      200,      200,      200,       200,      200, 200),
    "awards:rank":                 ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "awards:ranking":              ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "awards:entry":                ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "awards:panel":                ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "awards:panel_score":          ("POST", LOGIN,    403,      403,      403,       403,      302, 403),
    "awards:close_panel":          ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "awards:publish":              ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "awards:export":               ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    "agencies:list":               ("GET",  LOGIN,    403,      403,      403,       200,      200, 403),
    # DGA's review: admins only (403 for every other role); on this draft the admin's changes are
    # refused politely (a message and a redirect), since review starts once a response is submitted.
    "surveys:evidence_preview":    ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:review_response":     ("GET",  LOGIN,    403,      403,      403,       200,      403, 404),
    "surveys:review_evidence":     ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "surveys:review_adjust":       ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "surveys:review_comment":      ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "surveys:review_action":       ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "surveys:benchmark":           ("GET",  LOGIN,    403,      404,      403,       200,      404, 404),
    "surveys:audit_response":      ("GET",  LOGIN,    403,      403,      403,       200,      403, 404),
    "surveys:audit_user":          ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:exports":             ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:export_start":        ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "surveys:export_job":          ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:export_download":     ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    # Notifications: everyone signed in has an inbox, settings and an approvals page (empty unless
    # an approver); a notification opens only for its recipient (officer A's here); the to-fix list
    # is the response's; the e-mail log and reminders are DGA admins'.
    "surveys:inbox":               ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "surveys:notification_open":   ("POST", LOGIN,    302,      404,      404,       404,      404, 404),
    "surveys:notification_settings": ("GET", LOGIN,   200,      200,      200,       200,      200, 200),
    "surveys:approvals":           ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "surveys:todo":                ("GET",  LOGIN,    200,      404,      200,       200,      404, 404),
    "surveys:email_log":           ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    "surveys:reminders":           ("GET",  LOGIN,    403,      403,      403,       200,      403, 403),
    # The review workbench (reviewers: their assigned agencies' responses once submitted — this one
    # is a draft, hence 404; assignments are DGA admins'); a change waiting for a second reviewer.
    "surveys:workbench":           ("GET",  LOGIN,    403,      403,      403,       200,      403, 200),
    "surveys:workbench_next":      ("GET",  LOGIN,    403,      403,      403,       302,      403, 302),
    "surveys:workbench_assignments": ("GET", LOGIN,   403,      403,      403,       200,      403, 403),
    "surveys:workbench_assign":    ("POST", LOGIN,    403,      403,      403,       302,      403, 403),
    "surveys:workbench_queue":     ("GET",  LOGIN,    403,      403,      403,       200,      403, 404),
    "surveys:workbench_score":     ("GET",  LOGIN,    403,      403,      403,       200,      403, 404),
    "surveys:workbench_bulk_verify": ("POST", LOGIN,  403,      403,      403,       302,      403, 404),
    "surveys:workbench_decide":    ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "surveys:review_confirm":      ("POST", LOGIN,    403,      403,      403,       302,      403, 404),
    "agencies:api_tokens":         ("GET",  LOGIN,    200,      200,      200,       200,      200, 200),
    "agencies:api_token_revoke":   ("POST", LOGIN,    302,      404,      404,       404,      404, 404),
    # The API (docs/api.md): the signed-out get 401 (no redirect); the session counts as the person,
    # with every scope they may hold; objects follow surveys/access.py (404 for another agency's).
    "api:api-root":                ("GET",  404,      404,      404,      404,       404,      404, 404),
    "api:openapi-json":            ("GET",  200,      200,      200,      200,       200,      200, 200),
    "api:openapi-view":            ("GET",  200,      200,      200,      200,       200,      200, 200),
    "api:list_cycles":             ("GET",  401,      200,      200,      200,       200,      200, 200),
    "api:get_cycle":               ("GET",  401,      200,      200,      200,       200,      200, 200),
    "api:list_agencies":           ("GET",  401,      403,      403,      403,       200,      200, 403),
    "api:get_agency":              ("GET",  401,      403,      403,      403,       200,      200, 403),
    "api:list_questionnaires":     ("GET",  401,      200,      200,      200,       200,      200, 200),
    "api:get_questionnaire":       ("GET",  401,      200,      200,      200,       200,      200, 200),
    "api:list_responses":          ("GET",  401,      200,      200,      200,       200,      200, 200),
    "api:get_response":            ("GET",  401,      200,      404,      200,       200,      404, 404),
    "api:list_answers":            ("GET",  401,      200,      404,      200,       200,      404, 404),
    "api:save_answer":             ("PUT",  401,      200,      404,      200,       403,      404, 404),
    "api:list_evidence":           ("GET",  401,      200,      404,      200,       200,      404, 404),
    "api:upload_evidence":         ("POST", 401,      201,      404,      201,       403,      404, 404),
    "api:get_score":               ("GET",  401,      403,      404,      403,       404,      404, 404),
    "api:get_ranking":             ("GET",  401,      403,      403,      403,       200,      200, 403),
    "api:list_published":          ("GET",  401,      200,      200,      200,       200,      200, 200),
    # Open data: no sign-in; the world's categories are not published (tests/api/test_opendata.py).
    "api:winners_json":            ("GET",  404,      404,      404,      404,       404,      404, 404),
    "api:winners_csv":             ("GET",  404,      404,      404,      404,       404,      404, 404),
    "api:catalogue":               ("GET",  200,      200,      200,      200,       200,      200, 200),
    # A cycle's statistics: published with its first award publication (none in this world).
    "api:statistics_json":         ("GET",  404,      404,      404,      404,       404,      404, 404),
    "api:statistics_csv":          ("GET",  404,      404,      404,      404,       404,      404, 404),
}
# fmt: on

# Where a URL needs another object than the world's default for its parameters.
PARAMS = {
    "awards:panel": {"category": "leaders"},
    "awards:panel_score": {"category": "leaders"},
    "awards:close_panel": {"category": "leaders"},
    "surveys:review_action": {"action": "accept"},
}
# What a state-changing request sends: a valid request of the kind the page itself makes.
POST_DATA = {
    "set_language": {"language": "en", "next": "/"},
    "surveys:autosave": {"P1.1": "approved", "version": "1"},
    "surveys:evidence_upload": "file",
    "awards:panel_score": "sheet",
    "surveys:review_evidence": {"state": "verified", "note": ""},
    "awards:publish": {"confirm": "on"},
    "surveys:review_adjust": {"percent": "50", "reason": "ไม่มีหลักฐานประกอบ"},
    "surveys:review_comment": {"body": "โปรดแนบแผนฉบับลงนาม"},
    "surveys:review_action": {"comment": ""},
    "surveys:workbench_decide": {"state": "verified", "note": ""},
    "surveys:workbench_assign": {"reviewer": "", "ministry": ""},
    "surveys:export_start": "export",
    "api:save_answer": {"value": "approved", "version": 1},
    "api:upload_evidence": "file",
}


def routes_by_key():
    return {route.key: route for route in portal_routes()}


def url_for(world, key: str) -> str:
    values = {**world.url_values(), **PARAMS.get(key, {})}
    if key in (
        "surveys:evidence",
        "surveys:evidence_remove",
        "surveys:evidence_preview",
        "surveys:review_evidence",
        "surveys:workbench_decide",
    ):
        values["public_id"] = world.evidence.public_id
    if key in ("surveys:export_job", "surveys:export_download"):
        values["public_id"] = world.export.public_id
    if key == "surveys:notification_open":
        item, _ = Notification.objects.get_or_create(
            recipient=world.users["officer_a"], kind="comment", defaults={"link": "/responses/"}
        )
        values["pk"] = item.pk
    return path_of(routes_by_key()[key], values)


def post_data(world, key: str) -> dict:
    data = POST_DATA.get(key, {})
    if data == "file":
        return {"file": pdf_upload()}
    if data == "export":
        return {"questionnaire": world.response.questionnaire.code, "kind": "scores", "format": "csv"}
    if data == "sheet":
        prefix = world.ranked_agency
        return {f"{prefix}-c_vision": "50", f"{prefix}-c_results": "30", f"{prefix}-comment": "ok"}
    return data


def request_as(world, user, method: str, url: str, data: dict | None = None):
    client = Client()
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        if method == "PUT":
            reply = client.put(url, json.dumps(data or {}), content_type="application/json")
        else:
            reply = client.post(url, data or {}) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return reply


def outcome(reply, expected):
    if expected == LOGIN:
        location = reply.get("Location", "")
        return (
            LOGIN
            if reply.status_code == 302 and location.startswith("/accounts/login/")
            else reply.status_code
        )
    return reply.status_code


def test_every_url_of_the_portal_has_a_line_in_the_matrix():
    assert set(routes_by_key()) == set(MATRIX), "add the new URL to MATRIX (or remove the stale line)"


def test_every_line_gives_a_status_for_every_role():
    assert all(len(row) == 1 + len(ROLES) and row[0] in ("GET", "POST", "PUT") for row in MATRIX.values())


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_each_role_gets_the_status_the_matrix_gives(world, key):
    method, *expected = MATRIX[key]
    url = url_for(world, key)
    got = {}
    for role, want in zip(ROLES, expected, strict=True):
        data = post_data(world, key) if method in ("POST", "PUT") else None
        got[role] = outcome(request_as(world, world.users[role], method, url, data), want)
    assert got == dict(zip(ROLES, expected, strict=True)), url


def allowed(row: tuple) -> list[str]:
    """The signed-in roles a state-changing URL lets through (a success or a redirect)."""
    return [
        role
        for role, want in zip(ROLES, row[1:], strict=True)
        if role != "anonymous" and want in (200, 201, 204, 302)
    ]


@pytest.mark.parametrize(
    "key", sorted(k for k, row in MATRIX.items() if row[0] in ("POST", "PUT") and k != "set_language")
)
def test_state_changing_urls_refuse_get(world, key):
    url = url_for(world, key)
    for role in allowed(MATRIX[key]):
        reply = request_as(world, world.users[role], "GET", url)
        assert reply.status_code == 405, f"{role} GET {url}"


def test_switching_language_by_get_changes_nothing(world):
    """Django's set_language answers GET with a redirect but changes the language only on POST."""
    reply = Client().get("/i18n/setlang/?language=en&next=/")
    assert reply.status_code == 302 and "django_language" not in reply.cookies


def test_the_django_admin_is_for_staff_only(world):
    staff = UserFactory(is_staff=True, is_superuser=True, is_dga_admin=True)
    public = {"admin:login", "admin:logout"}  # the admin's sign-in page, and sign-out (POST only)
    pages = [r for r in admin_routes() if not r.params and "(" not in r.route and r.key not in public]
    assert len(pages) > 10  # the index and every model's list and add pages
    for route in pages:
        url = path_of(route, {})
        for role in ROLES:
            reply = request_as(world, world.users[role], "GET", url)
            assert reply.status_code == 302 and "/admin/login/" in reply["Location"], f"{role} {url}"
        assert request_as(world, staff, "GET", url).status_code in (200, 302, 403), url
