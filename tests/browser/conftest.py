"""Browser fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every browser test starts from the demo site (serialized rollback), at phone and desktop size. A failing
test leaves a screenshot and the page's HTML in var/test-artifacts/. Every test also fails when the browser
reports a Content Security Policy violation on any page it opened: a script, style or frame the policy
blocked is a feature that silently does not work for borrowers.
"""

import os
import re
import shutil

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}
ARTIFACTS = settings.VAR_DIR / "test-artifacts"


# Each browser test module starts with this, so pytest-django orders them after the fast tests.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = (
            f"Chromium is not installed at {CHROMIUM}. `make test` installs it when run as root; "
            "otherwise run `sudo apt-get install chromium fonts-noto-cjk`."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would otherwise refuse the tests'
    # own ORM calls (looking up a demo page, say) as if they came from async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def make_page(browser, viewport, live_server, request):
    """Open tabs at the test's viewport (optionally with JavaScript off); failures leave artifacts."""
    contexts, tabs, violations = [], [], []

    def record_violation(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{message.location.get('url')}: {message.text}")

    def open_tab(javascript=True):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], base_url=live_server.url, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        tabs.append(context.new_page())
        tabs[-1].on("console", record_violation)
        return tabs[-1]

    yield open_tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, tab in enumerate(tabs):
            save_artifacts(tab, f"{request.node.nodeid}-{number}")
    for context in contexts:
        context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def page(make_page):
    return make_page()


def save_artifacts(tab, nodeid):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]
    tab.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
    (ARTIFACTS / f"{stem}.html").write_text(tab.content(), encoding="utf-8")
    print(f"\nBrowser artifacts: {ARTIFACTS / stem}.png and .html")
