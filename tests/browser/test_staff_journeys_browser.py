"""Two whole staff journeys through the real Wagtail admin in Chromium, under the strict script policy.

An agent logs in (TOTP set up at the first login), records a host, adds an
accommodation from the host's page and downloads their activation letter; an
editor of the collectivity adds a video tutorial under « Besoin d'aide »,
publishes it and reads it on the public site. No page may be blocked by the
Content Security Policy, and the forms must pass axe-core.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from guides.models import TutorialPage
from hostspace.accounts.models import ActivationCode
from hostspace.records.models import Accommodation, Host
from tests.browser.steps import assert_accessible, csp_reports, field, log_in_to_the_admin
from tests.factories import HelpIndexPageFactory, make_agent, staff_account

pytestmark = pytest.mark.django_db(transaction=True)


def test_agent_records_a_host_and_an_accommodation_then_prints_the_activation_letter(collectivity, page_factory, axe):
    agent = make_agent(collectivity, email="agent@example.com")
    # As the demo's agents (portal.demo.hostspace): they print activation letters too.
    agent.groups.get().permissions.add(Permission.objects.get(codename="add_activationcode"))
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "agent@example.com")

    # « Hébergeurs » › « Ajouter un hébergeur »
    page.goto("/admin/hebergeurs/")
    page.get_by_role("link", name="Ajouter un hébergeur").first.click()
    page.wait_for_url(re.compile(r"/admin/hebergeurs/new/$"))
    field(page, "Numéro de dossier").fill("ECR-2026-042")
    field(page, "Civilité").select_option(label="Madame")
    field(page, "Prénom").fill("Laure")
    field(page, "Nom").fill("Brunet")
    field(page, "Courriel de contact").fill("laure.brunet@example.com")
    field(page, "Téléphone").fill("04 92 23 11 22")
    field(page, "Adresse").fill("12 chemin des Mélèzes")
    field(page, "Code postal").fill("05290")
    field(page, "Commune").fill("Vallouise-Pelvoux")
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url(re.compile(r"/admin/hebergeurs/$"))

    host = Host.objects.get(reference="ECR-2026-042")
    assert (host.site, host.last_name, host.city) == (collectivity.site, "Brunet", "Vallouise-Pelvoux")
    assert host.phone_display == "04 92 23 11 22"

    # The host's page: their accommodations, account and letter.
    page.get_by_role("link", name="Laure Brunet").click()
    page.wait_for_url(re.compile(rf"/admin/hebergeurs/edit/{host.pk}/$"))
    panel = page.locator("section", has=page.get_by_role("heading", name="Hébergements, compte et lettre d'activation"))
    assert "Aucun hébergement n'est encore enregistré" in panel.inner_text()
    assert_accessible(page, axe)

    panel.get_by_role("link", name="Ajouter un hébergement pour cet hébergeur").click()
    page.wait_for_url(re.compile(rf"/admin/hebergements/new/\?host={host.pk}$"))
    assert field(page, "Hébergeur").input_value() == str(host.pk)
    assert_accessible(page, axe)
    field(page, "Nom de l'hébergement").fill("Gîte des Mélèzes")
    field(page, "Type d'hébergement").select_option(label="Meublé de tourisme")
    field(page, "Capacité d'accueil").fill("6")
    field(page, "Numéro d'enregistrement").fill("05101000124AB")  # required for a meublé, as in every form
    field(page, "Adresse").fill("14 chemin des Mélèzes")
    field(page, "Code postal").fill("05290")
    field(page, "Commune").fill("Vallouise-Pelvoux")
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url(re.compile(r"/admin/hebergements/$"))
    accommodation = Accommodation.objects.get(name="Gîte des Mélèzes")
    assert (accommodation.host, accommodation.capacity) == (host, 6)

    page.goto(f"/admin/hebergeurs/edit/{host.pk}/")
    assert "Aucun hébergement" not in panel.inner_text()
    assert panel.get_by_role("link", name="Gîte des Mélèzes (Meublé de tourisme)").is_visible()
    assert "Vallouise-Pelvoux" in panel.get_by_role("listitem").inner_text()

    panel.get_by_role("link", name="Lettre d'activation", exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/lettres-activation/hebergeur/{host.pk}/$"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Générer la lettre (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert ActivationCode.objects.filter(host=host).usable().count() == 1
    assert blocked == []


def test_editor_publishes_a_tutorial_and_reads_it_on_the_public_site(collectivity, page_factory, axe):
    help_index = HelpIndexPageFactory(parent=collectivity.home)
    editor = staff_account(collectivity, email="editeur@example.com")
    # Page rights on their collectivity's tree only, as the demo's editors have (portal.demo.collectivities).
    group = editor.groups.create(name="Éditeurs – Pays des Écrins")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=collectivity.home, permission=Permission.objects.get(codename=codename)
        )
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "editeur@example.com")

    page.goto(f"/admin/pages/{help_index.pk}/")
    page.get_by_role("link", name=re.compile("Ajouter une sous-page")).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{help_index.pk}/add_subpage/$"))
    page.get_by_role("link", name="Tutoriel vidéo", exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/pages/add/guides/tutorialpage/{help_index.pk}/$"))
    title = "Déclarer ses nuitées en ligne"
    field(page, "Titre").fill(title)
    field(page, "Résumé").fill("Saisir les nuitées du mois depuis le tableau de bord, en trois étapes.")
    # The rich text editor is named by its field's label (portal/js/admin-widgets.js): Wagtail leaves it nameless.
    assert page.get_by_role("textbox", name=re.compile("Transcription")).count() == 1
    assert_accessible(page, axe)
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{help_index.pk}/$"))

    tutorial = TutorialPage.objects.get(title=title)
    assert tutorial.live
    assert tutorial.get_parent().specific == help_index

    response = page.goto(tutorial.relative_url(collectivity.site))
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert "Saisir les nuitées du mois" in page.locator("main").inner_text()
    assert_accessible(page, axe)
    assert blocked == []
