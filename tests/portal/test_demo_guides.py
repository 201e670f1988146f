"""The demo guide is a real, tagged PDF built from the collectivity's own help content."""

import pytest

from portal.demo.guides import _guide_pdf
from portal.demo.guides_content import FAQ, TOUR_STEPS

pytestmark = pytest.mark.django_db


def test_demo_guide_is_a_tagged_pdf_with_the_collectivity_contact(collectivity):
    from types import SimpleNamespace

    demo = SimpleNamespace(branding=collectivity.branding, hostname=collectivity.hostname, key="ecrins")
    pdf = _guide_pdf(demo, TOUR_STEPS["fr"], FAQ["ecrins"]["fr"])
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) < 200_000
    assert b"%%EOF" in pdf[-32:]


def test_demo_tour_has_one_step_per_dashboard_element():
    from guides.models import TOUR_TARGET_KEYS

    for language in ("fr", "en"):
        assert [step["target"] for step in TOUR_STEPS[language]] == TOUR_TARGET_KEYS


def test_demo_content_is_complete_for_both_collectivities_and_idempotent(client):
    from wagtail.models import Page

    import portal.demo.guides
    import portal.demo.news
    from guides.models import FaqPage, GuidedTourPage, LegalPage, TutorialPage
    from news.models import ArticlePage
    from portal.demo.collectivities import seed_collectivities

    for _ in range(2):
        collectivities = seed_collectivities()
        for collectivity in collectivities:
            portal.demo.news.seed(collectivity)
            portal.demo.guides.seed(collectivity)

    for collectivity in collectivities:
        for home in (collectivity.home, collectivity.home_en):
            under = Page.objects.descendant_of(home)
            articles = ArticlePage.objects.filter(pk__in=under.values("pk"))
            assert articles.count() == 6
            assert articles.filter(pinned=True, show_support_contact=True).count() == 1
            assert TutorialPage.objects.filter(pk__in=under.values("pk")).count() == 2
            assert GuidedTourPage.objects.filter(pk__in=under.values("pk")).count() == 1
            assert FaqPage.objects.filter(pk__in=under.values("pk")).count() == 1
            assert sorted(LegalPage.objects.filter(pk__in=under.values("pk")).values_list("kind", flat=True)) == [
                "accessibility",
                "cgu",
                "mentions",
                "privacy",
            ]
    ecrins, serre = collectivities
    ecrins_titles = set(ArticlePage.objects.descendant_of(ecrins.home).values_list("title", flat=True))
    serre_titles = set(ArticlePage.objects.descendant_of(serre.home).values_list("title", flat=True))
    assert len(ecrins_titles - serre_titles) == 5  # only the technical-service article is shared

    response = client.get("/besoin-d-aide/declarer-vos-nuitees/", HTTP_HOST=ecrins.hostname)
    assert response.status_code == 200
    assert 'srclang="en"' in response.content.decode()
