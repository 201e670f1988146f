"""Editors manage the public portal in the Wagtail admin and translate it with wagtail-localize."""

import pytest
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from guides.models import FaqPage, GuidedTourPage, HelpIndexPage, LegalPage, TutorialPage
from home.models import HomePage
from news.models import ArticlePage, NewsIndexPage
from tests.auth_helpers import verified_login
from tests.factories import StaffUserFactory
from tests.factories_content import (
    ArticlePageFactory,
    FaqPageFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    TutorialPageFactory,
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
