"""Whole journeys into the host space and the admin, in Chromium, with axe-core on every page (FR and EN)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from wagtail.models import Site

from tests.accounts.login_forms import NEW_PASSWORD
from tests.browser.steps import assert_accessible, code_for, note_backup_codes_and_continue, set_up_totp
from tests.factories import DEFAULT_PASSWORD, host_account, legacy_account, staff_account

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, email, password):
    page.goto("/espace-hebergeur/")
    page.get_by_label("Identifiant (Courriel)").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_old_account_resets_its_password_then_logs_in(ecrins, page_factory, axe, live_server):
    # The site's public port is the live server's, as a deployed Site's is its public one: links in emails carry it.
    Site.objects.filter(pk=ecrins.site.pk).update(port=urlsplit(live_server.url).port)
    legacy_account(ecrins)
    host_account(ecrins, email="voisin@example.com")
    page = page_factory()
    for path in (
        "/en/espace-hebergeur/",
        "/en/espace-hebergeur/mot-de-passe-oublie/",
        "/en/espace-hebergeur/mot-de-passe-oublie/envoye/",
        "/en/espace-hebergeur/reinitialiser/MQ/lien-perime/",
        "/en/espace-hebergeur/reinitialiser/termine/",
        "/espace-hebergeur/",
    ):
        assert page.goto(path).status == 200
        assert_accessible(page, axe)

    log_in(page, "ancien@example.com", "mon-ancien-mot-de-passe")
    summary = page.locator(".form-errors")
    assert "Vous devez réinitialiser votre mot de passe" in summary.inner_text()
    assert page.get_by_label("Identifiant (Courriel)").input_value() == "ancien@example.com"
    assert page.get_by_label("Mot de passe", exact=True).input_value() == ""
    assert_accessible(page, axe)

    summary.get_by_role("link", name="Réinitialiser mon mot de passe").click()
    assert_accessible(page, axe)
    page.get_by_label("Courriel").fill("ancien@example.com")
    page.get_by_role("button", name="Recevoir le lien de réinitialisation").click()
    assert page.get_by_role("heading", name="Vérifiez votre messagerie").is_visible()
    assert_accessible(page, axe)

    (message,) = mail.outbox
    link = re.search(r"http://paysdesecrins\.localhost:\d+/\S+", message.body).group(0)
    page.goto(link)
    assert_accessible(page, axe)
    page.get_by_label("Nouveau mot de passe", exact=True).fill("court")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("court")
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert page.locator(".form-errors").is_visible()
    assert_accessible(page, axe)  # the page with errors, too
    page.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    assert page.get_by_role("heading", name="Mot de passe enregistré").is_visible()
    assert_accessible(page, axe)

    log_in(page, "ancien@example.com", NEW_PASSWORD)
    page.wait_for_url(re.compile(r"/espace-hebergeur/(tableau-de-bord|conditions)"))


def test_host_turns_on_totp_and_logs_in_with_a_code(ecrins, page_factory, axe):
    host_account(ecrins, email="hote@example.com")
    page = page_factory()
    log_in(page, "hote@example.com", DEFAULT_PASSWORD)
    page.wait_for_url(re.compile(r"/espace-hebergeur/tableau-de-bord/"))

    for path in ("/en/espace-hebergeur/securite/", "/espace-hebergeur/securite/"):
        page.goto(path)
        assert_accessible(page, axe)
    page.get_by_role("link", name="Activer la double authentification").click()
    secret = set_up_totp(page, axe)
    assert page.get_by_role("heading", name="Double authentification activée").is_visible()
    assert page.locator(".accounts__codes li").count() == 10  # offered at once
    assert_accessible(page, axe)
    page.get_by_role("link", name="Afficher ou renouveler mes codes de secours").click()
    page.get_by_role("button", name="Générer de nouveaux codes de secours").click()
    assert page.locator(".accounts__codes li").count() == 10
    assert_accessible(page, axe)

    fresh = page_factory()
    log_in(fresh, "hote@example.com", DEFAULT_PASSWORD)
    assert fresh.get_by_role("heading", name="Double authentification").is_visible()
    assert_accessible(fresh, axe)
    fresh.get_by_label("Code de vérification").fill(code_for(secret, steps_ahead=1))
    fresh.get_by_role("button", name="Valider").click()
    fresh.wait_for_url(re.compile(r"/espace-hebergeur/tableau-de-bord/"))


def test_staff_admin_requires_a_second_factor(ecrins, page_factory, axe):
    staff_account(ecrins, email="agent@example.com")
    page = page_factory()
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/securite/connexion/\?next="))
    assert_accessible(page, axe)
    page.goto("/en/securite/connexion/?next=/admin/")
    assert_accessible(page, axe)
    page.get_by_label("Username (email)").fill("agent@example.com")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/securite/double-authentification/activer/"))
    page.goto("/securite/double-authentification/activer/")
    set_up_totp(page, axe)
    note_backup_codes_and_continue(page, axe)
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("body.wagtail-admin, #wagtail, [data-side-panel], main").first.is_visible()

    # Wagtail's own login page is closed.
    other = page_factory()
    other.goto("/admin/login/")
    other.wait_for_url(re.compile(r"/securite/connexion/"))
