"""Browser tests: Playwright driving Debian's Chromium, headless (never `playwright install`)."""

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a browser context of its own (another person at another computer), in Thai;
    every context opened is closed after the test."""
    contexts = []

    def _new_page(*, timeout=15_000, cookies=()):
        context = browser.new_context(locale="th-TH")
        contexts.append(context)
        if cookies:
            context.add_cookies(list(cookies))
        page = context.new_page()
        page.set_default_timeout(timeout)
        return page

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def sign_in(live_server):
    def _sign_in(page, user, password="correct-horse-battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()

    return _sign_in
