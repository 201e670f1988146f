"""One installation, several collectivities: each host name serves its own site, in French and English."""

import pytest

pytestmark = pytest.mark.django_db


def test_each_collectivity_host_serves_its_own_home_page(client_for, collectivity, other_collectivity):
    ecrins = client_for(collectivity).get("/")
    serre = client_for(other_collectivity).get("/")
    assert ecrins.status_code == 200
    assert serre.status_code == 200
    assert "Communauté de communes Pays des Écrins" in ecrins.content.decode()
    assert "Serre-Ponçon" not in ecrins.content.decode()
    assert "Communauté de communes Serre-Ponçon" in serre.content.decode()
    assert "Pays des Écrins" not in serre.content.decode()


def test_unknown_host_falls_back_to_the_default_collectivity(client, collectivity, other_collectivity):
    response = client.get("/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert "Pays des Écrins" in response.content.decode()


def test_french_is_served_without_prefix_and_english_under_en(client_for, collectivity):
    client = client_for(collectivity)
    french = client.get("/")
    english = client.get("/en/")
    assert '<html lang="fr">' in french.content.decode()
    assert "Bienvenue à Pays des Écrins." in french.content.decode()
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert "Welcome to Pays des Écrins." in english.content.decode()
    assert "Skip to content" in english.content.decode()
    assert "Aller au contenu" in french.content.decode()


def test_language_switcher_links_to_the_same_page_in_the_other_language(client_for, collectivity):
    content = client_for(collectivity).get("/").content.decode()
    assert 'href="/en/" lang="en"' in content
    content_en = client_for(collectivity).get("/en/").content.decode()
    assert 'href="/" lang="fr"' in content_en


def test_layout_has_skip_link_navigation_and_technical_service_contact(client_for, collectivity):
    content = client_for(collectivity).get("/").content.decode()
    assert 'href="#contenu"' in content
    assert 'id="contenu"' in content
    assert 'aria-label="Menu principal"' in content
    assert "Espace hébergeur" in content
    assert "04 92 23 00 00" in content


def test_unknown_page_gets_a_branded_translated_404(client_for, collectivity):
    response = client_for(collectivity).get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "Pays des Écrins" in response.content.decode()
    response_en = client_for(collectivity).get("/en/no-such-page/")
    assert response_en.status_code == 404
    assert "Page not found" in response_en.content.decode()


def test_home_page_queries_stay_bounded(client_for, collectivity, django_assert_max_num_queries):
    client = client_for(collectivity)
    client.get("/")  # warm the navigation cache, as production would be
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_technical_service_hours_follow_the_page_language(client_for, collectivity):
    assert "du lundi au vendredi, de 9 h à 12 h" in client_for(collectivity).get("/").content.decode()
    assert "Monday to Friday, 9 am to 12 pm" in client_for(collectivity).get("/en/").content.decode()
