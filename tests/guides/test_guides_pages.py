"""A host looks for help: the guide, video tutorials with captions, the guided tour, the FAQ and legal pages."""

import datetime
from types import SimpleNamespace

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from guides.models import (
    TOUR_TARGET_KEYS,
    FaqPage,
    GuidedTourPage,
    HelpIndexPage,
    LegalPage,
    TaxSimulatorPage,
    TutorialPage,
)
from guides.selectors import guide_document, tour_steps, tutorials
from home.models import HomePage
from portal.pages import translation_of
from tests.factories import (
    FAKE_MP4,
    FaqPageFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    TutorialPageFactory,
    serve_documents_from_memory,
    tour_steps_value,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_page(collectivity):
    return HelpIndexPageFactory(parent=collectivity.home, guide_document=GuideDocumentFactory())


def test_help_page_offers_the_guide_tutorials_tour_and_faq(collectivity, client_for, help_page):
    TutorialPageFactory(parent=help_page, title="Déclarer vos nuitées")
    GuidedTourPageFactory(parent=help_page)
    FaqPageFactory(parent=help_page)
    html = client_for(collectivity).get("/aide/").content.decode()
    assert f'href="{help_page.guide_document.url}"' in html
    assert "Télécharger le guide" in html
    assert "Déclarer vos nuitées" in html
    assert 'href="/aide/visite-guidee/"' in html
    assert 'href="/aide/questions-frequentes/"' in html


def test_guide_downloads_as_a_pdf(collectivity, client_for, help_page, monkeypatch):
    serve_documents_from_memory(monkeypatch)
    response = client_for(collectivity).get(help_page.guide_document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_guide_document_selector_falls_back_to_the_french_guide(collectivity, locales, help_page):
    translation_of(help_page, locales[1], title="Help", slug="help", guide_document=None)
    assert guide_document(collectivity.site, language="fr") == help_page.guide_document
    assert guide_document(collectivity.site, language="en") == help_page.guide_document


def test_guide_document_is_none_without_help_page(collectivity):
    assert guide_document(collectivity.site) is None


def test_tutorial_page_has_a_captioned_video_and_a_transcript(collectivity, client_for, help_page):
    TutorialPageFactory(parent=help_page, slug="declarer", transcript="<p>Ouvrez votre tableau de bord.</p>")
    html = client_for(collectivity).get("/aide/declarer/").content.decode()
    assert "<video controls" in html
    assert '<source src="/aide/declarer/video/" type="video/mp4">' in html
    assert '<track kind="captions" src="/aide/declarer/sous-titres/fr/" srclang="fr" label="Français" default>' in html
    assert '<track kind="captions" src="/aide/declarer/sous-titres/en/" srclang="en" label="English">' in html
    assert "Transcription de la vidéo" in html
    assert "Ouvrez votre tableau de bord." in html


def test_tutorial_video_is_served_by_the_site_with_byte_ranges(collectivity, client_for, help_page):
    TutorialPageFactory(parent=help_page, slug="declarer")
    client = client_for(collectivity)
    whole = client.get("/aide/declarer/video/")
    assert whole.status_code == 200
    assert whole["Content-Type"] == "video/mp4"
    assert whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == FAKE_MP4

    part = client.get("/aide/declarer/video/", HTTP_RANGE="bytes=4-11")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 4-11/{len(FAKE_MP4)}"
    assert b"".join(part.streaming_content) == FAKE_MP4[4:12]

    tail = client.get("/aide/declarer/video/", HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206
    assert b"".join(tail.streaming_content) == FAKE_MP4[-10:]

    assert client.get("/aide/declarer/video/", HTTP_RANGE=f"bytes={len(FAKE_MP4) + 5}-").status_code == 416
    assert client.get("/aide/declarer/video/", HTTP_RANGE="bytes=abc").status_code == 200


def test_tutorial_captions_are_served_as_webvtt(collectivity, client_for, help_page):
    TutorialPageFactory(parent=help_page, slug="declarer")
    client = client_for(collectivity)
    response = client.get("/aide/declarer/sous-titres/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content).startswith(b"WEBVTT")
    assert client.get("/aide/declarer/sous-titres/de/").status_code == 404


def test_tutorial_without_video_has_no_player_and_its_video_url_is_a_404(collectivity, client_for, help_page):
    TutorialPageFactory(parent=help_page, slug="sans-video", video=None, with_captions=False)
    client = client_for(collectivity)
    assert "<video" not in client.get("/aide/sans-video/").content.decode()
    assert client.get("/aide/sans-video/video/").status_code == 404


def test_english_tutorial_uses_english_captions_by_default(collectivity, locales, client_for, help_page):
    tutorial = TutorialPageFactory(parent=help_page, slug="declarer")
    translation_of(help_page, locales[1], title="Help", slug="help")
    translation_of(tutorial, locales[1], title="Declare", slug="declare")
    html = client_for(collectivity).get("/en/help/declare/").content.decode()
    assert 'srclang="en" label="English" default>' in html
    assert 'srclang="fr" label="Français">' in html


def test_tutorials_selector_lists_live_tutorials_of_the_site_in_the_active_language(
    collectivity, other_collectivity, help_page
):
    TutorialPageFactory(parent=help_page, title="Premier")
    TutorialPageFactory(parent=help_page, title="Brouillon", live=False)
    TutorialPageFactory(parent=HelpIndexPageFactory(parent=other_collectivity.home), title="Ailleurs")
    with translation.override("fr"):
        assert [page.title for page in tutorials(collectivity.site)] == ["Premier"]


def test_tour_page_lists_the_steps_in_order_with_their_dashboard_element(collectivity, client_for, help_page):
    GuidedTourPageFactory(parent=help_page, steps=tour_steps_value(("welcome", "documents")))
    html = client_for(collectivity).get("/aide/visite-guidee/").content.decode()
    assert html.index("Étape welcome") < html.index("Étape documents")
    assert "Sur le tableau de bord : Accueil du tableau de bord" in html
    assert "Sur le tableau de bord : Mes documents" in html


def test_tour_steps_selector_returns_ordered_steps_with_targets(collectivity, locales, help_page):
    tour = GuidedTourPageFactory(parent=help_page, steps=tour_steps_value(TOUR_TARGET_KEYS))
    translation_of(help_page, locales[1], title="Help", slug="help")
    translation_of(tour, locales[1], title="Tour", slug="tour", steps=tour_steps_value(("welcome",)))
    with translation.override("fr"):
        steps = tour_steps(collectivity.site)
    assert [step.target for step in steps] == TOUR_TARGET_KEYS
    assert [step.number for step in steps] == list(range(1, len(TOUR_TARGET_KEYS) + 1))
    assert steps[0].title == "Étape welcome"
    assert steps[0].target_label == "Accueil du tableau de bord"
    assert steps[0].image is None
    with translation.override("en"):
        assert [step.target for step in tour_steps(collectivity.site)] == ["welcome"]


def test_tour_targets_are_the_dashboard_contract():
    assert TOUR_TARGET_KEYS == [
        "welcome",
        "personal-info",
        "accommodations",
        "classifications",
        "declarations",
        "documents",
        "news",
        "help",
        "contact",
        "security",
    ]


def test_tour_steps_is_empty_without_a_tour_page(collectivity, help_page):
    assert tour_steps(collectivity.site) == []


def test_faq_answers_are_disclosed_accessibly(collectivity, client_for, help_page):
    FaqPageFactory(parent=help_page)
    html = client_for(collectivity).get("/aide/questions-frequentes/").content.decode()
    assert "<h2>Mon compte</h2>" in html
    assert "<summary>Comment activer mon compte ?</summary>" in html
    assert "Avec le code reçu par courrier." in html


def test_legal_page_shows_its_body(collectivity, client_for):
    LegalPageFactory(parent=collectivity.home, kind="mentions", body="<p>Éditeur : la collectivité.</p>")
    html = client_for(collectivity).get("/legal-mentions/").content.decode()
    assert "Éditeur : la collectivité." in html


def test_legal_pages_are_linked_from_the_footer(collectivity, client_for):
    LegalPageFactory(parent=collectivity.home, kind="mentions", title="Mentions légales")
    LegalPageFactory(parent=collectivity.home, kind="accessibility", title="Accessibilité : partiellement conforme")
    html = client_for(collectivity).get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/legal-mentions/">Mentions légales</a>' in footer
    assert 'href="/legal-accessibility/">Accessibilité : partiellement conforme</a>' in footer


def test_terms_page_shows_the_version_in_force_when_the_host_space_provides_it(collectivity):
    page = LegalPageFactory(parent=collectivity.home, kind="cgu", title="CGU", body="<p>Texte provisoire.</p>")
    version = SimpleNamespace(
        label="Version 2 – mars 2026",
        text="<p>Texte de la version 2.</p>",
        text_en="",
        in_force_from=datetime.date(2026, 3, 1),
    )
    request = RequestFactory().get("/conditions/", HTTP_HOST=collectivity.hostname)
    with translation.override("fr"):
        html = render_to_string("guides/legal_page.html", {"page": page, "terms_version": version}, request=request)
    assert "Version 2 – mars 2026" in html
    assert "en vigueur depuis le 1er mars 2026" in html
    assert "Texte de la version 2." in html
    assert "Texte provisoire." not in html


def test_an_editor_cannot_create_two_legal_pages_of_the_same_kind(collectivity):
    LegalPageFactory(parent=collectivity.home, kind="cgu")
    duplicate = LegalPageFactory(parent=collectivity.home, kind="privacy", slug="autre")
    duplicate.kind = "cgu"
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_help_query_count_does_not_grow_with_tutorials(
    collectivity, client_for, help_page, django_assert_max_num_queries
):
    poster = wagtail_factories.ImageFactory()
    for _ in range(15):
        TutorialPageFactory(parent=help_page, with_captions=False, poster=poster)
    GuidedTourPageFactory(parent=help_page)
    FaqPageFactory(parent=help_page)
    client = client_for(collectivity)
    client.get("/aide/")  # warm-up: navigation cache and poster renditions
    with django_assert_max_num_queries(16):
        assert client.get("/aide/").status_code == 200


def test_page_tree_rules_keep_the_site_sensible():
    assert set(HomePage.allowed_subpage_models()) == {
        __import__("news.models").models.NewsIndexPage,
        HelpIndexPage,
        LegalPage,
    }
    assert set(HelpIndexPage.allowed_subpage_models()) == {TutorialPage, GuidedTourPage, FaqPage, TaxSimulatorPage}
    for model in (TutorialPage, GuidedTourPage, FaqPage, TaxSimulatorPage):
        assert model.allowed_parent_page_models() == [HelpIndexPage]
        assert model.allowed_subpage_models() == []
    assert LegalPage.allowed_parent_page_models() == [HomePage]


def test_tour_step_screenshot_is_shown_with_its_alt_text(collectivity, client_for, help_page):
    screenshot = wagtail_factories.ImageFactory(title="Capture")
    steps = tour_steps_value(("documents",))
    steps[0]["value"].update(image=screenshot.pk, image_alt="La rubrique Mes documents du tableau de bord")
    GuidedTourPageFactory(parent=help_page, steps=steps)
    html = client_for(collectivity).get("/aide/visite-guidee/").content.decode()
    assert 'alt="La rubrique Mes documents du tableau de bord"' in html
    with translation.override("fr"):
        step = tour_steps(collectivity.site)[0]
    assert step.image == screenshot
    assert step.image_alt == "La rubrique Mes documents du tableau de bord"
