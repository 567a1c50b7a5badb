"""The Content Security Policy in a real browser: the main pages load, work, and report no
violation (Chromium logs each refused inline script or style, eval, or foreign source)."""

import pytest

from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.services.answers import answer_save
from surveys.services.evidence import evidence_add
from tests.awards.conftest import TOTAL, awards_data, scored_agency
from tests.e2e.helpers import answer, wait_saved
from tests.factories import pdf_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Every violation also reaches the page as an event; the listener runs outside the page's CSP.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(LISTEN)
    return page, messages


def violations(page, messages) -> list[str]:
    return messages + page.evaluate("window.__cspViolations || []")


def visit(page, messages, url: str) -> list[str]:
    reply = page.goto(url)
    assert reply.status == 200, url
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return violations(page, messages)


def test_the_officers_pages_run_without_a_violation(watched, live_server, sign_in, alice, response_a):
    page, messages = watched
    sign_in(page, alice)
    base = f"{live_server.url}/responses/{response_a.public_id}"
    assert visit(page, messages, f"{base}/pillars/P1/") == []
    answer(page, "P1.1", "single_choice")  # autosave through htmx, and its swapped fragment
    wait_saved(page, "P1.1")
    for url in (f"{base}/", f"{base}/check/", f"{base}/full/", f"{base}/pillars/G/"):
        assert visit(page, messages, url) == [], url


def test_the_dga_and_evaluator_pages_run_without_a_violation(
    watched, live_server, sign_in, dana, erin, cycle, response_a
):
    page, messages = watched
    awards = awards_import(data=awards_data(TOTAL))
    scored_agency(cycle, 0.8)
    awards_rank(awards_id=awards.pk)
    sign_in(page, dana)
    for path in ("/review/", f"/cycles/{cycle.year}/", f"/cycles/{cycle.year}/dashboard/", "/agencies/"):
        assert visit(page, messages, live_server.url + path) == [], path
    page.context.clear_cookies()
    sign_in(page, erin)
    for path in ("/awards/", f"/awards/{awards.code}/top/", "/awards/results/"):
        assert visit(page, messages, live_server.url + path) == [], path


def test_a_violation_would_be_seen(watched, live_server, db):
    """The watch itself works: an inline script injected into the page is refused and reported."""
    page, messages = watched
    visit(page, messages, f"{live_server.url}/accounts/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert any("script-src" in v for v in violations(page, messages))


def test_the_review_pages_with_evidence_previews_run_without_a_violation(
    watched, live_server, sign_in, alice, bob, dana, response_a, submit
):
    """The review page frames PDF and image previews of the protected evidence: the only framing
    the portal allows, and still no violation; and the score, benchmark, exports and audit pages."""
    answer_save(response=response_a, question_code="P1.1", value="approved", base_version=0, by=alice)
    evidence_add(response=response_a, question_code="P1.1", upload=pdf_upload(), by=alice)
    submit(response_a, officer=alice, approver=bob)
    page, messages = watched
    sign_in(page, dana)
    rid = response_a.public_id
    assert visit(page, messages, f"{live_server.url}/review/{rid}/") == []
    frames = page.locator("iframe")
    assert frames.count() >= 1
    preview = page.request.get(live_server.url + frames.first.get_attribute("src"))
    assert preview.status == 200 and preview.headers["content-type"] == "application/pdf"
    for path in (
        f"/responses/{rid}/score/",
        f"/responses/{rid}/benchmark/",
        f"/responses/{rid}/audit/",
        "/exports/",
    ):
        assert visit(page, messages, live_server.url + path) == [], path
