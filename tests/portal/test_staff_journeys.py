"""Staff journeys in the Wagtail admin, with the demo's own groups and permissions.

Found by walking the demo as its editor: the image chooser of an actualité did
nothing (inline script blocked by the CSP), "Traduire" was missing (no
permission, no right on the English tree), and wagtail-localize let any
translator reach every collectivity's pages.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from news.models import ArticlePage
from portal.demo.collectivities import seed_collectivities
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, verified_login
from tests.portal.csp import executable_inline_scripts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    ecrins, serreponcon = seed_collectivities()
    return ecrins, serreponcon


def editor_client(client_for, collectivity, email="editeur@example.com"):
    editor = get_user_model().objects.get(email=email)
    return verified_login(client_for(collectivity), editor)


def article_in(collectivity, **fields):
    news = collectivity.home.get_children().filter(slug="actualites").first()
    news = news or NewsIndexPageFactory(parent=collectivity.home)
    return ArticlePageFactory(parent=news, **fields)


def test_editor_picks_an_image_for_an_article_under_the_strict_script_policy(demo, client_for):
    ecrins, _ = demo
    article = article_in(ecrins)
    client = editor_client(client_for, ecrins)

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert executable_inline_scripts(html) == []
    # The chooser is still built, by portal/js/admin-widgets.js, from this marker.
    assert re.search(r'data-portal-widget="ImageChooser" data-portal-target="id_image"', html)
    assert "&quot;modalUrl&quot;: &quot;/admin/images/chooser/&quot;" in html


def test_editor_translates_an_article_into_english_and_edits_the_translation(demo, client_for):
    ecrins, _ = demo
    article = article_in(ecrins, title="Les déclarations 2026 sont ouvertes")
    client = editor_client(client_for, ecrins)
    english = Locale.objects.get(language_code="en")

    edit_view = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/localize/submit/page/{article.pk}/" in edit_view  # « Traduire cette page »

    form = client.get(f"/admin/localize/submit/page/{article.pk}/")
    assert form.status_code == 200
    assert executable_inline_scripts(form.content.decode()) == []

    response = client.post(f"/admin/localize/submit/page/{article.pk}/", {"locales": [english.pk]})
    translation = ArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{translation.pk}/edit/"

    editor = client.get(f"/admin/pages/{translation.pk}/edit/")
    assert editor.status_code == 200
    # The translation editor's chooser URLs come from a static script, not an inline one.
    assert executable_inline_scripts(editor.content.decode()) == []
    assert "portal/js/localize-chooser-urls.js" in editor.content.decode()


def test_editor_cannot_translate_nor_see_in_reports_another_collectivitys_pages(demo, client_for):
    ecrins, serreponcon = demo
    theirs = article_in(serreponcon, title="Réunion d'information à Embrun")
    english = Locale.objects.get(language_code="en")
    # Serre-Ponçon's editor translates their page: it appears in their report only.
    own = editor_client(client_for, serreponcon, email="editeur@serreponcon.example")
    assert own.post(f"/admin/localize/submit/page/{theirs.pk}/", {"locales": [english.pk]}).status_code == 302
    assert "Réunion d&#x27;information" in own.get("/admin/localize/reports/translations/").content.decode()

    client = editor_client(client_for, ecrins)
    other = article_in(serreponcon, title="Fermeture du service")

    assert client.get(f"/admin/localize/submit/page/{other.pk}/").status_code == 302  # permission denied
    client.post(f"/admin/localize/submit/page/{other.pk}/", {"locales": [english.pk]})
    assert not ArticlePage.objects.filter(translation_key=other.translation_key, locale=english).exists()
    report = client.get("/admin/localize/reports/translations/").content.decode()
    assert "Réunion d" not in report


def test_editor_dashboard_counts_only_their_collectivitys_pages(demo, client_for):
    ecrins, serreponcon = demo
    article_in(serreponcon)
    client = editor_client(client_for, ecrins)

    html = client.get("/admin/").content.decode()

    # Pays des Écrins as onboarded, in French and English: home, actualités, besoin d'aide and the
    # four legal pages (7 pages × 2); nothing of Serre-Ponçon's 15 pages.
    assert re.search(r"\b14 Pages\b", html)
    assert "créées dans Pays des Écrins" in html or "crées dans Pays des Écrins" in html


def agent_client(client_for, collectivity):
    agent = get_user_model().objects.get(email="agent@example.com")
    return verified_login(client_for(collectivity), agent)


def test_agent_dashboard_lists_what_waits_for_them_in_their_collectivity_only(demo, client_for):
    from hostspace.records.models import Accommodation, Classification, Host

    ecrins, serreponcon = demo
    for site, count in ((ecrins.site, 2), (serreponcon.site, 5)):
        for number in range(count):
            host = Host.objects.create(
                site=site, last_name=f"Hôte {number}", address_line1="1 rue", postal_code="05000", city="Gap"
            )
            accommodation = Accommodation.objects.create(
                host=host,
                name=f"Gîte {number}",
                kind="meuble",
                capacity=4,
                address_line1="1 rue",
                postal_code="05000",
                commune="Gap",
            )
            Classification.objects.create(accommodation=accommodation, rating="2", status=Classification.Status.PENDING)

    html = agent_client(client_for, ecrins).get("/admin/").content.decode()

    assert "À traiter" in html
    assert re.search(r"<h1[^>]*>\s*Portail taxe de séjour – Pays des Écrins\s*</h1>", html)
    assert "2 classements en attente de validation" in html
    assert "2 hébergeurs en attente d'activation" in html
    assert 'href="/admin/classements/?status=pending"' in html
    assert 'href="/admin/lettres-activation/"' in html


def test_agent_menu_has_no_translations_report_but_the_editors_has(demo, client_for):
    ecrins, _ = demo

    agent_html = agent_client(client_for, ecrins).get("/admin/").content.decode()
    editor_html = editor_client(client_for, ecrins).get("/admin/").content.decode()

    assert "/admin/localize/reports/translations/" not in agent_html
    assert "/admin/localize/reports/translations/" in editor_html
    assert "À traiter" not in editor_html


def test_editor_explorer_does_not_open_another_collectivitys_pages_by_their_id(demo, client_for):
    ecrins, serreponcon = demo
    theirs = article_in(serreponcon, title="Réunion d'information à Embrun")
    client = editor_client(client_for, ecrins)

    assert client.get(f"/admin/pages/{ecrins.home.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{ecrins.home_en.pk}/").status_code == 200
    for page in (serreponcon.home, theirs.get_parent()):
        response = client.get(f"/admin/pages/{page.pk}/")
        assert response.status_code == 302
        assert response["Location"] != f"/admin/pages/{page.pk}/"
        listing = client.get(response["Location"]).content.decode()
        assert "Réunion d" not in listing
        assert f'href="/admin/pages/{serreponcon.home.pk}/' not in listing


def test_editor_page_chooser_offers_only_their_collectivitys_pages(demo, client_for):
    ecrins, serreponcon = demo
    article_in(serreponcon, title="Réunion d'information à Embrun")
    article_in(ecrins, title="Réunion d'information à Pelvoux")
    client = editor_client(client_for, ecrins)

    found = client.get("/admin/choose-page/search/", {"q": "Réunion"}).content.decode()
    browsed = client.get("/admin/choose-page/").content.decode()

    assert "Pelvoux" in found
    assert "Embrun" not in found
    assert "Serre-Pon" not in browsed


def test_editor_opens_every_demo_legal_page_in_the_rich_text_editor(demo):
    """The demo's legal notice wrote ``<br>``: Draftail's converter refused it and the
    edit view of « Mentions légales » answered 500."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.rich_text import features

    from portal.demo import guides_content

    ecrins, _ = demo
    converter = ContentstateConverter(features.get_default_features())
    for content in (
        guides_content._mentions,
        guides_content._mentions_en,
        guides_content._accessibility,
        guides_content._accessibility_en,
        guides_content._cgu,
        guides_content._cgu_en,
        guides_content._privacy,
        guides_content._privacy_en,
    ):
        assert converter.from_database_format(content(ecrins))


def test_staff_account_page_offers_french_time_zones_only(demo, client_for):
    ecrins, _ = demo
    html = editor_client(client_for, ecrins).get("/admin/account/").content.decode()

    assert 'value="Europe/Paris"' in html
    assert 'value="Indian/Reunion"' in html
    assert 'value="localtime"' not in html
    assert 'value="America/New_York"' not in html


def test_demo_leaves_no_group_with_rights_over_every_collectivity():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    seed_collectivities()

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()


def test_page_search_on_the_dashboard_is_for_staff_who_have_pages(demo, client_for):
    ecrins, _ = demo

    agent_html = agent_client(client_for, ecrins).get("/admin/").content.decode()
    editor_html = editor_client(client_for, ecrins).get("/admin/").content.decode()

    assert 'role="search"' not in agent_html
    assert 'role="search"' in editor_html
    assert 'value="Rechercher"' in editor_html


def test_agent_reads_the_decision_date_of_each_classification_as_a_date(demo, client_for):
    import datetime

    from hostspace.records.models import Accommodation, Classification, Host

    ecrins, _ = demo
    host = Host.objects.create(
        site=ecrins.site, last_name="Carle", address_line1="1 rue", postal_code="05340", city="Pelvoux"
    )
    accommodation = Accommodation.objects.create(
        host=host,
        name="Hôtel du Glacier",
        kind="hotel",
        capacity=40,
        address_line1="1 rue",
        postal_code="05340",
        commune="Pelvoux",
    )
    Classification.objects.create(
        accommodation=accommodation,
        rating="3",
        decision_date=datetime.date(2023, 3, 2),
        status=Classification.Status.PENDING,
    )

    html = agent_client(client_for, ecrins).get("/admin/classements/").content.decode()

    # The date itself in the cell, not "il y a 3 ans" with the date in a tooltip.
    assert re.search(r">\s*2 mars 2023\s*<", html)


def test_demo_editor_keeps_their_own_branding_up_to_date_and_only_theirs(demo, client_for):
    ecrins, serreponcon = demo
    editor = editor_client(client_for, ecrins)

    own = editor.get(f"/admin/settings/portal/brandingsettings/{ecrins.site.pk}/")
    foreign = editor.get(f"/admin/settings/portal/brandingsettings/{serreponcon.site.pk}/")

    assert own.status_code == 200 and "Pays des Écrins" in own.content.decode()
    assert foreign.status_code != 200
