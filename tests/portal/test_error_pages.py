"""Refusals, missing pages and errors are shown in the site's layout, in French or English, with a way back."""

import html

import pytest
from django.test import Client
from django.urls import path, reverse

from portal import urls as portal_urls
from tests.factories import host_account, staff_account, verified_login

pytestmark = pytest.mark.django_db

DASHBOARD = "/espace-hebergeur/tableau-de-bord/"


def text_of(response):
    return html.unescape(response.content.decode())


def test_staff_opening_the_host_space_get_a_branded_page_that_sends_them_to_the_admin(client_for, collectivity):
    client = verified_login(client_for(collectivity), staff_account(collectivity, email="agent@example.com"))

    response = client.get(DASHBOARD)

    assert response.status_code == 403
    page = text_of(response)
    assert 'class="site-header"' in page and "Pays des Écrins" in page  # the site's layout and branding
    assert "L'espace hébergeur est réservé aux hébergeurs" in page
    assert f'href="{reverse("wagtailadmin_home")}"' in page
    assert f'action="{reverse("hostspace:logout")}"' in page
    assert "403 Forbidden" not in page


def test_an_account_without_a_host_record_here_is_told_how_to_activate_it(client_for, collectivity, other_collectivity):
    client = client_for(other_collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))

    response = client.get(DASHBOARD)

    assert response.status_code == 403
    page = text_of(response)
    assert "Votre compte n'a pas de dossier d'hébergeur dans cette collectivité" in page
    assert f'href="{reverse("hostspace:activate")}"' in page


def test_the_403_page_is_in_english_under_en(client_for, collectivity):
    client = verified_login(client_for(collectivity), staff_account(collectivity, email="agent@example.com"))

    response = client.get("/en" + DASHBOARD)

    assert response.status_code == 403
    assert '<html lang="en">' in response.content.decode() and 'class="site-header"' in response.content.decode()
    assert 'href="/en/"' in response.content.decode()  # the English home


def test_a_missing_page_shows_the_way_home_and_to_the_host_space(client_for, collectivity):
    response = client_for(collectivity).get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    page = text_of(response)
    assert "Page introuvable" in page and 'class="site-header"' in page
    assert "Retour à l'accueil" in page
    assert f'href="{reverse("hostspace:login")}"' in page


def test_a_host_on_a_missing_page_is_offered_their_space(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))

    page = text_of(client.get("/cette-page-n-existe-pas/"))

    assert f'href="{reverse("hostspace:dashboard")}"' in page and "Mon espace hébergeur" in page


def test_a_missing_page_is_in_english_under_en(client_for, collectivity):
    response = client_for(collectivity).get("/en/this-page-does-not-exist/")

    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    assert "Page not found" in text_of(response) and "Back to the home page" in text_of(response)


def broken(request):
    raise RuntimeError("a bug")


# This module is also a URLconf: the portal's URLs, plus a page that fails.
urlpatterns = [path("casse/", broken), path("en/casse/", broken), *portal_urls.urlpatterns]
handler500 = portal_urls.handler500


@pytest.mark.urls("tests.portal.test_error_pages")
@pytest.mark.parametrize(("prefix", "title"), [("", "Une erreur est survenue"), ("/en", "Something went wrong")])
def test_a_server_error_is_branded_in_the_visitors_language(collectivity, prefix, title):
    response = Client(HTTP_HOST=collectivity.hostname, raise_request_exception=False).get(f"{prefix}/casse/")

    assert response.status_code == 500
    page = text_of(response)
    assert title in page and 'class="site-header"' in page
    assert f'href="{prefix}/espace-hebergeur/"' in page


def test_a_form_sent_from_an_expired_page_gets_a_branded_message(collectivity):
    client = Client(HTTP_HOST=collectivity.hostname, enforce_csrf_checks=True)

    response = client.post("/espace-hebergeur/", {"auth-username": "hote@example.com", "auth-password": "x"})

    assert response.status_code == 403
    page = text_of(response)
    assert "Page expirée" in page and 'class="site-header"' in page
    assert "rechargez la page" in page
