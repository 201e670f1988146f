"""Editors manage the public portal in the Wagtail admin and translate it with wagtail-localize."""

import pytest
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from guides.models import FaqPage, GuidedTourPage, HelpIndexPage, LegalPage, TutorialPage
from home.models import HomePage
from news.models import ArticlePage, NewsIndexPage
from tests.factories import (
    FAKE_MP4,
    VTT_EN,
    VTT_FR,
    ArticlePageFactory,
    FaqPageFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    StaffUserFactory,
    TutorialPageFactory,
    verified_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(collectivity):
    news = NewsIndexPageFactory(parent=collectivity.home)
    help_page = HelpIndexPageFactory(parent=collectivity.home)
    return {
        HomePage: collectivity.home,
        NewsIndexPage: news,
        ArticlePage: ArticlePageFactory(parent=news),
        HelpIndexPage: help_page,
        TutorialPage: TutorialPageFactory(parent=help_page),
        GuidedTourPage: GuidedTourPageFactory(parent=help_page),
        FaqPage: FaqPageFactory(parent=help_page),
        LegalPage: LegalPageFactory(parent=collectivity.home),
    }


@pytest.fixture
def admin_client(client, collectivity):
    user = StaffUserFactory(email="admin@example.com", is_superuser=True, collectivity=collectivity.site)
    verified_login(client, user)
    client.defaults["HTTP_HOST"] = collectivity.hostname
    return client


@pytest.mark.parametrize(
    "model", [HomePage, NewsIndexPage, ArticlePage, HelpIndexPage, TutorialPage, GuidedTourPage, FaqPage, LegalPage]
)
def test_editor_can_open_every_page_type_in_the_admin(admin_client, tree, model):
    page = tree[model]
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("parent_model", "model"),
    [(NewsIndexPage, ArticlePage), (HelpIndexPage, TutorialPage), (HomePage, LegalPage)],
)
def test_editor_can_open_the_creation_form_where_the_tree_allows_it(admin_client, tree, parent_model, model):
    parent = tree[parent_model]
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(("parent_model", "model"), [(HomePage, NewsIndexPage), (HelpIndexPage, FaqPage)])
def test_editor_cannot_add_a_second_news_index_or_faq(admin_client, tree, parent_model, model):
    parent = tree[parent_model]
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    assert admin_client.get(url).status_code == 302


def translate(page, locale):
    """Translate ``page`` and its untranslated ancestors with wagtail-localize, as the « Traduire » action does."""
    for ancestor in page.get_ancestors().filter(depth__gt=2).specific():
        if ancestor.get_translation_or_none(locale) is None:
            translate(ancestor, locale)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    assert source.stringsegment_set.exists()
    # fallback: untranslated strings keep the French text, as before a translator fills them in.
    translated, _created = source.create_or_update_translation(locale, fallback=True)
    return translated


def test_tutorial_form_explains_the_video_and_captions_in_french(admin_client, tree):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[tree[TutorialPage].pk])).content.decode()
    assert "Fichier vidéo hébergé sur le portail (aucune plateforme extérieure)" in html
    assert "Un fichier .vtt par langue" in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize("model", [ArticlePage, TutorialPage, GuidedTourPage, FaqPage, LegalPage, HelpIndexPage])
def test_every_page_type_translates_with_wagtail_localize(tree, locales, model):
    page = tree[model]
    translated = translate(page, locales[1])
    assert translated.locale == locales[1]
    assert translated.translation_key == page.translation_key
    if model is TutorialPage:
        # Videos and caption files are shared, their texts translated separately.
        assert translated.video.name == page.video.name
        assert sorted(track.language for track in translated.captions.all()) == ["en", "fr"]
    if model is GuidedTourPage:
        assert [block.value["target"] for block in translated.steps] == [block.value["target"] for block in page.steps]


def test_editor_publishes_a_tutorial_with_its_video_and_captions(admin_client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    help_page = tree[HelpIndexPage]
    url = reverse("wagtailadmin_pages:add", args=["guides", "tutorialpage", help_page.pk])
    data = {
        "title": "Payer en ligne",
        "slug": "payer-en-ligne",
        "summary": "Reverser la taxe par carte bancaire.",
        "duration": "1 min",
        "transcript": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Cliquez sur Payer.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "video": SimpleUploadedFile("payer.mp4", FAKE_MP4, content_type="video/mp4"),
        "captions-TOTAL_FORMS": "2",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
        "captions-0-language": "fr",
        "captions-0-label": "Français",
        "captions-0-file": SimpleUploadedFile("fr.vtt", VTT_FR.encode(), content_type="text/vtt"),
        "captions-0-ORDER": "1",
        "captions-1-language": "en",
        "captions-1-label": "English",
        "captions-1-file": SimpleUploadedFile("en.vtt", VTT_EN.encode(), content_type="text/vtt"),
        "captions-1-ORDER": "2",
        "action-publish": "action-publish",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    tutorial = TutorialPage.objects.get(slug="payer-en-ligne")
    assert tutorial.live
    assert tutorial.video.read() == FAKE_MP4
    assert sorted(tutorial.captions.values_list("language", flat=True)) == ["en", "fr"]


def test_editor_cannot_upload_a_video_in_an_unknown_format(admin_client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("wagtailadmin_pages:add", args=["guides", "tutorialpage", tree[HelpIndexPage].pk])
    data = {
        "title": "Mauvais format",
        "slug": "mauvais-format",
        "summary": "Résumé.",
        "video": SimpleUploadedFile("film.exe", b"MZ", content_type="application/octet-stream"),
        "captions-TOTAL_FORMS": "0",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "video" in response.context["form"].errors
    assert not TutorialPage.objects.filter(slug="mauvais-format").exists()


def test_editor_cannot_create_a_second_privacy_policy(admin_client, tree):
    LegalPageFactory(parent=tree[HomePage], kind="privacy", title="Politique de confidentialité")
    url = reverse("wagtailadmin_pages:add", args=["guides", "legalpage", tree[HomePage].pk])
    data = {"title": "Une autre politique", "slug": "autre-politique", "kind": "privacy", "action-publish": "publish"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == ["Ce site a déjà une page de ce type dans cette langue."]
    assert not LegalPage.objects.filter(slug="autre-politique").exists()

    data.update(kind="cgu", slug="cgu", title="Conditions générales d'utilisation")
    assert admin_client.post(url, data).status_code == 302
    assert LegalPage.objects.get(slug="cgu").live


def test_editor_cannot_give_a_tutorial_two_french_caption_tracks(admin_client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("wagtailadmin_pages:add", args=["guides", "tutorialpage", tree[HelpIndexPage].pk])
    data = {
        "title": "Deux pistes",
        "slug": "deux-pistes",
        "summary": "Résumé.",
        "captions-TOTAL_FORMS": "2",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    for number in (0, 1):
        data.update(
            {
                f"captions-{number}-language": "fr",
                f"captions-{number}-label": "Français",
                f"captions-{number}-file": SimpleUploadedFile("fr.vtt", VTT_FR.encode(), content_type="text/vtt"),
                f"captions-{number}-ORDER": str(number + 1),
            }
        )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["captions"]
    assert formset.non_form_errors() or any(form.errors for form in formset.forms)
    assert not TutorialPage.objects.filter(slug="deux-pistes").exists()
