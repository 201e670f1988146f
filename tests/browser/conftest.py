"""Browser fixtures: Debian's Chromium driven by Playwright, with axe-core for accessibility.

Chromium is never downloaded: the tests use /usr/bin/chromium (or $CHROMIUM_PATH).
Without it they skip with a clear message, except where REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the Django ORM
# refuses to run there unless told it is safe, which it is in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def ecrins(collectivity, private_media):
    """Pays des Écrins, the default site the pages open on, with hosts' private files in the test's folder."""
    return collectivity


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


class OutsideRequests(list):
    """Every request the page made to a host that is not the live server's."""


@pytest.fixture
def page_factory(browser, live_server):
    """Open pages on the live server under a collectivity's host name, recording outside requests."""
    contexts = []

    def make(hostname="paysdesecrins.localhost", viewport=None, **context_options):
        port = urlsplit(live_server.url).port
        context = browser.new_context(
            base_url=f"http://{hostname}:{port}",
            viewport=viewport or {"width": 1280, "height": 900},
            **context_options,
        )
        contexts.append(context)
        page = context.new_page()
        page.outside_requests = OutsideRequests()

        def record(request):
            host = urlsplit(request.url).hostname or ""
            if request.url.startswith(("data:", "blob:")):
                return
            if not (host == "localhost" or host.endswith(".localhost") or host == "127.0.0.1"):
                page.outside_requests.append(request.url)

        page.on("request", record)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe():
    """Run axe-core (bundled in axe-playwright-python, offline) and return WCAG 2.1 A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def violations(page):
        results = checker.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        found = results.response["violations"]
        return [
            f"{item['id']}: {item['help']} ({', '.join(node['target'][0] for node in item['nodes'][:3])})"
            for item in found
        ]

    return violations
