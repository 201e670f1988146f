"""A host browses the public portal in Chromium: news, help, a captioned tutorial, the guide, in FR and EN.

Every page type is checked with axe-core (WCAG 2.1 A/AA) in both languages.
"""

import pytest

from tests.browser.steps import build_portal
from tests.factories import (
    serve_documents_from_memory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def portal(collectivity, other_collectivity, locales, monkeypatch):
    serve_documents_from_memory(monkeypatch)
    ecrins, serre = collectivity, other_collectivity
    build_portal(ecrins, locales[1], "Écrins")
    build_portal(serre, locales[1], "Serre-Ponçon")
    return ecrins, serre


def visit(page, axe, path):
    response = page.goto(path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    assert axe(page) == [], path
    assert page.outside_requests == [], path
    return response


def test_host_goes_from_home_to_the_news_and_reads_the_pinned_article(portal, page_factory, axe):
    page = page_factory()
    visit(page, axe, "/")
    teasers = page.locator(".home-news .article-teaser__title")
    assert teasers.count() == 3
    assert teasers.first.inner_text() == "Écrins : appelez le service technique"

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Actualités").click()
    page.wait_for_url("**/actualites/")
    assert axe(page) == []
    page.get_by_role("link", name="Écrins : appelez le service technique").click()
    page.wait_for_url("**/actualites/service-technique/")
    assert axe(page) == []
    contact = page.get_by_role("complementary", name="Service technique de votre collectivité")
    assert "04 92 23 00 00" in contact.inner_text()


def test_host_watches_a_captioned_tutorial_and_downloads_the_guide(portal, page_factory, axe):
    page = page_factory()
    visit(page, axe, "/aide/")
    guide_url = page.get_by_role("link", name="Télécharger le guide").get_attribute("href")
    # Fetched by the page itself (Chromium resolves *.localhost; Playwright's own HTTP client does not).
    status, content_type, magic = page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 4);
            return [response.status, response.headers.get("content-type"), String.fromCharCode(...bytes)];
        }""",
        guide_url,
    )
    assert (status, content_type, magic) == (200, "application/pdf", "%PDF")

    page.get_by_role("link", name="Écrins : déclarer vos nuitées").click()
    page.wait_for_url("**/aide/declarer/")
    assert axe(page) == []
    video = page.locator("video")
    assert video.get_attribute("controls") is not None
    tracks = page.eval_on_selector_all(
        "video track", "tracks => tracks.map(t => [t.kind, t.srclang, t.label, t.default])"
    )
    assert tracks == [["captions", "fr", "Français", True], ["captions", "en", "English", False]]

    # The self-hosted video really plays: metadata loads (12 s), time advances, French captions show.
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=10_000)
    assert round(page.evaluate("document.querySelector('video').duration")) == 12
    # Keyboard only: the native controls take the focus and Space starts the video.
    page.evaluate("document.querySelector('video').muted = true")
    video.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5", timeout=10_000)
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0];"
        " return t.mode === 'showing' && t.cues !== null && t.cues.length === 4; }",
        timeout=10_000,
    )
    assert "Ouvrez votre tableau de bord" in page.evaluate("document.querySelector('video').textTracks[0].cues[0].text")
    assert "Transcription de la vidéo" in page.locator("main").inner_text()

    for path in ("/aide/visite-guidee/", "/legal-accessibility/", "/aide/questions-frequentes/"):
        visit(page, axe, path)
    page.locator("main summary").first.click()
    assert page.locator("main details").first.get_attribute("open") is not None


def test_english_pages_are_translated_and_accessible(portal, page_factory, axe):
    page = page_factory()
    visit(page, axe, "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    main = page.locator("main").inner_text()
    assert "Activate my account" in main
    assert "Écrins: call the technical service" in main
    for path in (
        "/en/news/",
        "/en/news/technical-service/",
        "/en/help/",
        "/en/help/declare/",
        "/en/help/tour/",
        "/en/help/faq/",
        "/en/accessibility/",
        "/en/recherche/?q=declare",
    ):
        visit(page, axe, path)
    assert page.get_by_role("searchbox", name="Search terms").input_value() == "declare"
    assert "Écrins: declare your nights" in page.locator("main").inner_text()


def test_second_collectivity_shows_its_own_content(portal, page_factory, axe):
    page = page_factory("serreponcon.localhost")
    visit(page, axe, "/")
    main = page.locator("main").inner_text()
    assert "Serre-Ponçon : appelez le service technique" in main
    assert "Écrins" not in main
    visit(page, axe, "/recherche/?q=nuitées")
    results = page.locator(".search-results").inner_text()
    assert "Serre-Ponçon : déclarer vos nuitées" in results
    assert "Écrins" not in results
