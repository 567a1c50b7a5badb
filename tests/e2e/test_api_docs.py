"""The API's browsable docs and the tokens page in a real browser: everything loads from the portal
itself (no CDN: the portal works with no internet) and the Content Security Policy reports nothing."""

import pytest

from tests.e2e.helpers import serious_violations
from tests.e2e.test_csp import violations, visit, watched  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_from_local_files_without_a_violation(watched, live_server):  # noqa: F811
    page, messages = watched
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    assert visit(page, messages, f"{live_server.url}/api/v1/docs") == []
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)  # Swagger UI read the schema
    assert violations(page, messages) == []
    foreign = [u for u in requested if not u.startswith(live_server.url) and not u.startswith("data:")]
    assert foreign == []


def test_the_tokens_page_runs_without_a_violation(watched, live_server, sign_in, alice):  # noqa: F811
    page, messages = watched
    sign_in(page, alice)
    assert visit(page, messages, f"{live_server.url}/agencies/api-tokens/") == []
    page.fill("#id_name", "sync")
    page.click("button[type=submit].btn-primary")
    assert page.locator("#new-token").inner_text().startswith("rp_")
    assert violations(page, messages) == []
    assert serious_violations(page) == []  # axe-core: the page, the new token and the navigation
