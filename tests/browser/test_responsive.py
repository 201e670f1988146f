"""A host on a phone, a tablet and a desktop: every public and host-space page reflows at 320 px,
the login form is in the first screen of a 360×740 phone, axe-core is clean at every width, and
screenshots of home, login, dashboard and « Mes déclarations » are written to test-artifacts/screenshots/ for review (CI keeps them)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.steps import DASHBOARD, build_portal, log_in
from tests.factories import (
    ClassificationFactory,
    DeclaringAccommodationFactory,
    DeliberationFactory,
    HostFactory,
    load_national_grid,
    serve_documents_from_memory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (320, 360, 768, 1280)
PHONE = {"width": 360, "height": 740}
DECLARATIONS = DASHBOARD + "declarations/"
# Files, feeds and actions: not pages to lay out.
NOT_A_PAGE = re.compile(r"/(admin|documents|media|static|deconnexion)/|\.(pdf|xml|vtt|mp4|csv)$|/rss/|/atom/")


@pytest.fixture
def portal(collectivity, locales, monkeypatch):
    serve_documents_from_memory(monkeypatch)
    build_portal(collectivity, locales[1], "Écrins")
    return collectivity


@pytest.fixture
def host(portal):
    from hostspace.records.models import Accommodation, Classification

    # Tariffs and deliberations, so that « Mes déclarations » has periods to show.
    load_national_grid()
    for year in (2025, 2026):
        DeliberationFactory(site=portal.site, year=year)
    host = HostFactory(site=portal.site, with_account=True, user__email="hote@example.com", first_name="Hélène")
    hotel = DeclaringAccommodationFactory(
        host=host, name="Hôtel des Glaciers et du Glacier Blanc", kind=Accommodation.Kind.HOTEL, capacity=36
    )
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    DeclaringAccommodationFactory(
        host=host, name="Gîte du Torrent", kind=Accommodation.Kind.FURNISHED, registration_number="05101000123AB"
    )
    return host


def overflow(page):
    """How many pixels the page is wider than the screen (0 when it reflows)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def same_site_pages(page, prefix):
    """The paths under ``prefix`` that the current page links to."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    here = urlsplit(page.url).netloc
    paths = set()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc == here and parts.path.startswith(prefix) and not NOT_A_PAGE.search(parts.path):
            paths.add(parts.path)
    return paths


def crawl(page, axe, start, prefix, limit=60):
    """Visit every page reachable from ``start`` under ``prefix``; return the failures found."""
    seen, queue, problems = set(), [start], []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if response is None or response.status != 200 or "html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("networkidle")
        if overflow(page) > 0:
            problems.append(f"{path}: {overflow(page)} px wider than 320")
        problems.extend(f"{path}: {violation}" for violation in axe(page))
        queue.extend(sorted(same_site_pages(page, prefix) - seen))
    assert len(seen) > 3, seen
    return problems


def test_every_public_page_reflows_at_320_pixels(portal, page_factory, axe):
    page = page_factory(viewport={"width": 320, "height": 640})
    assert crawl(page, axe, "/", "/") == []


def test_every_host_space_page_reflows_at_320_pixels(host, page_factory, axe):
    page = page_factory(viewport={"width": 320, "height": 640})
    log_in(page)
    assert crawl(page, axe, DASHBOARD, "/espace-hebergeur/") == []


def test_host_tables_become_cards_without_horizontal_scrolling_on_a_phone(host, page_factory):
    page = page_factory(viewport=PHONE)
    log_in(page)
    page.goto("/espace-hebergeur/tableau-de-bord/hebergements/")
    edit = page.get_by_role("link", name="Modifier Gîte du Torrent")
    box = edit.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    scrollable = page.evaluate(
        "[...document.querySelectorAll('.data-table-wrapper')].some(el => el.scrollWidth > el.clientWidth)"
    )
    assert not scrollable
    assert page.locator("td[data-label='Commune']").first.is_visible()


def test_the_whole_login_form_is_in_the_first_screen_of_a_phone(portal, page_factory):
    page = page_factory(viewport=PHONE)
    page.goto("/espace-hebergeur/")
    box = page.locator("main form").first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box


def test_the_activation_form_starts_in_the_first_screen_of_a_phone(portal, page_factory):
    page = page_factory(viewport=PHONE)
    page.goto("/espace-hebergeur/activer/")
    box = page.locator("main form input:not([type=hidden])").first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box


def test_the_three_connection_panels_of_the_home_page_start_in_the_first_screen(portal, page_factory):
    page = page_factory(viewport=PHONE)
    page.goto("/")
    panels = page.locator(".connection__panel")
    if panels.count() == 0:
        pytest.skip("no connection panels on this home page")
    assert panels.count() == 3
    assert panels.nth(0).bounding_box()["y"] < PHONE["height"]


def test_phone_menu_is_a_disclosure_that_opens_and_closes(portal, page_factory, axe):
    page = page_factory(viewport=PHONE)
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 80, header
    menu = page.locator("summary.menu__button")
    assert menu.is_visible()
    box = menu.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    nav = page.get_by_role("navigation", name="Menu principal")
    assert not nav.is_visible()
    menu.click()
    assert nav.is_visible()
    assert axe(page) == []
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu__button')")


def test_phone_menu_opens_without_javascript(portal, page_factory):
    page = page_factory(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    page.locator("summary.menu__button").click()
    assert page.get_by_role("navigation", name="Menu principal").is_visible()


def test_touch_targets_are_at_least_44_pixels_on_a_phone(host, page_factory):
    page = page_factory(viewport=PHONE)
    page.goto("/espace-hebergeur/")
    small = page.eval_on_selector_all(
        "main button, main .button, main input:not([type=hidden]):not([type=checkbox]), main select, .menu__button",
        "els => els.filter(el => el.offsetParent && el.getBoundingClientRect().height < 44).map(el => el.outerHTML)",
    )
    assert small == []


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_are_accessible_at_every_width_and_are_photographed(host, page_factory, axe, width):
    page = page_factory(viewport={"width": width, "height": 740 if width < 768 else 900})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "/"), ("login", "/espace-hebergeur/")):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert axe(page) == [], (path, width)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    log_in(page)
    page.wait_for_load_state("networkidle")
    if page.get_by_role("dialog").is_visible():
        page.keyboard.press("Escape")
    assert axe(page) == [], (DASHBOARD, width)
    page.screenshot(path=SCREENSHOTS / f"dashboard-{width}.png", full_page=True)
    page.goto(DECLARATIONS)
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe(page) == [], (DECLARATIONS, width)
    page.screenshot(path=SCREENSHOTS / f"declarations-{width}.png", full_page=True)


def test_home_page_weighs_at_most_150_kilobytes_compressed_with_its_fonts(portal, page_factory):
    """Everything the home page loads, each text resource gzipped as WhiteNoise serves it; the figure goes in the README."""
    import gzip

    page = page_factory(viewport=PHONE)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    total = 0
    for response in responses:
        body = response.body()
        compressed = response.url.endswith((".woff2", ".png", ".jpg", ".jpeg", ".webp", ".mp4"))
        total += len(body) if compressed else len(gzip.compress(body, 9))
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "home-weight.txt").write_text(f"{total} bytes, {len(responses)} requests\n")
    assert total <= 150 * 1024, total
