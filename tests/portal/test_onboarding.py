"""A collectivity is onboarded in one step (``create_collectivity``), and two onboarded this way are isolated."""

import pytest
import wagtail_factories
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from guides.models import LegalPage
from hostspace.records.models import Host
from hostspace.terms.models import TermsVersion
from hostspace.terms.services import version_in_force
from portal import roles
from portal.collectivities import create_collectivity
from tests.factories import HostFactory, UserFactory, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(locales):
    return (
        create_collectivity("Pays des Écrins", "ecrins.example", admin_email="admin@ecrins.example"),
        create_collectivity("Serre-Ponçon", "serreponcon.example", admin_email="admin@serreponcon.example"),
    )


def test_onboarding_creates_site_trees_branding_groups_and_drafts(locales):
    onboarded = create_collectivity("Guillestrois", "taxe.guillestrois.example")

    site = Site.objects.get(hostname="taxe.guillestrois.example")
    assert onboarded.created and onboarded.site == site and site.site_name == "Guillestrois"
    assert onboarded.home.live and onboarded.home_en.live and onboarded.home_en.locale.language_code == "en"
    titles = {page.title: page.live for page in onboarded.home.get_children()}
    assert titles == {
        "Actualités": True,
        "Besoin d'aide": True,
        "Mentions légales": False,
        "Accessibilité": False,
        "Conditions générales d'utilisation": False,
        "Politique de confidentialité": False,
    }
    assert {page.title for page in onboarded.home_en.get_children()} >= {"News", "Need help?", "Legal notice"}
    assert onboarded.branding.official_name == "Guillestrois"
    assert set(onboarded.groups) == {"editors", "agents", "administrators"}
    drafts = TermsVersion.objects.filter(site=site)
    assert drafts.count() == 2 and all(version.in_force_from is None for version in drafts)
    assert version_in_force(site, TermsVersion.Kind.TERMS) is None


def test_onboarding_twice_changes_nothing(locales):
    create_collectivity("Guillestrois", "taxe.guillestrois.example", admin_email="admin@guillestrois.example")
    counts = (Page.objects.count(), TermsVersion.objects.count(), len(mail.outbox))

    again = create_collectivity("Guillestrois", "taxe.guillestrois.example", admin_email="admin@guillestrois.example")

    assert not again.created
    assert (Page.objects.count(), TermsVersion.objects.count(), len(mail.outbox)) == counts


def test_the_administrator_is_invited_by_email_on_the_collectivitys_own_host(locales, settings):
    settings.PORTAL_URL_SCHEME = "https"  # as in production
    onboarded = create_collectivity(
        "Guillestrois", "taxe.guillestrois.example", admin_email="Admin@Guillestrois.example"
    )

    administrator = onboarded.administrator
    assert administrator.is_staff and not administrator.has_usable_password()
    assert administrator.collectivity == onboarded.site
    assert administrator.groups.filter(pk=onboarded.groups["administrators"].pk).exists()
    (message,) = mail.outbox
    assert message.to == [administrator.email]
    assert "https://taxe.guillestrois.example/espace-hebergeur/reinitialiser/" in message.body


def test_create_collectivity_command_reports_what_it_did(locales, capsys):
    call_command("create_collectivity", "--name", "Guillestrois", "--hostname", "Taxe.Guillestrois.example")
    call_command("create_collectivity", "--name", "Guillestrois", "--hostname", "taxe.guillestrois.example")

    output = capsys.readouterr().out
    assert "Guillestrois (taxe.guillestrois.example) : créée." in output
    assert "déjà présente, complétée" in output
    assert Site.objects.filter(hostname="taxe.guillestrois.example").count() == 1


def test_create_collectivity_command_refuses_an_empty_name(locales):
    with pytest.raises(CommandError, match="ne peuvent pas être vides"):
        call_command("create_collectivity", "--name", " ", "--hostname", "x.example")


def _staff(collectivity, role):
    user = UserFactory(email=f"{role.key}@{collectivity.site.hostname}", is_staff=True)
    user.collectivity = collectivity.site
    user.save()
    user.groups.add(collectivity.groups[role.key])
    return user


def _markers(collectivity, word):
    """Objects named after ``word`` in every listing a staff member can reach."""
    HostFactory(site=collectivity.site, with_account=True, last_name=f"Hôte{word}")
    wagtail_factories.ImageFactory(title=f"Image{word}", collection=collectivity.collection)
    get_document_model().objects.create(
        title=f"Document{word}", collection=collectivity.collection, file=wagtail_factories.DocumentFactory().file
    )
    TermsVersion.objects.filter(site=collectivity.site).update(label=f"Version{word}")
    LegalPage.objects.descendant_of(collectivity.home).filter(kind=LegalPage.KIND_MENTIONS).update(
        title=f"Mentions{word}", draft_title=f"Mentions{word}"
    )


ADMIN_PAGES = [
    "/admin/hebergeurs/",
    "/admin/hebergements/",
    "/admin/classements/",
    "/admin/conditions/",
    "/admin/images/",
    "/admin/images/chooser/",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/choose-page/",
    "/admin/choose-page/search/?q=Mentions",
    "/admin/pages/search/?q=Mentions",
]


@pytest.mark.parametrize("role", roles.ROLES, ids=lambda role: role.key)
def test_staff_of_two_onboarded_collectivities_never_see_each_other(two, role):
    ecrins, serreponcon = two
    _markers(ecrins, "Ecrins")
    _markers(serreponcon, "Poncon")
    for mine, word, other in (
        (ecrins, "Ecrins", "Poncon"),
        (serreponcon, "Poncon", "Ecrins"),
    ):
        client = verified_login(Client(HTTP_HOST=mine.site.hostname), _staff(mine, role))
        seen = ""
        for url in [*ADMIN_PAGES, reverse("hostspace_terms_acceptances"), reverse("hostspace_letters:index")]:
            response = client.get(url)
            assert response.status_code in (200, 302, 403), url
            assert other not in response.content.decode(), f"{role.key} of {word} sees {other} at {url}"
            seen += response.content.decode()
        # The listings were not simply empty: each role sees its own collectivity's objects.
        assert f"Version{word}" in seen
        assert (f"Hôte{word}" in seen) == (role.key in ("agents", "administrators"))
        assert (f"Image{word}" in seen) == (role.key in ("editors", "administrators"))


def test_roles_hold_the_rights_their_job_needs(two):
    ecrins, _ = two
    editor, agent = _staff(ecrins, roles.EDITOR), _staff(ecrins, roles.AGENT)
    administrator = _staff(ecrins, roles.ADMINISTRATOR)

    assert not editor.has_perm("records.view_host") and agent.has_perm("records.change_host")
    assert editor.has_perm("wagtail_localize.submit_translation") and not agent.has_perm(
        "wagtail_localize.submit_translation"
    )
    assert all(administrator.has_perm(perm) for perm in ("records.change_host", "terms.add_termsversion"))
    assert not any(user.has_perm("auth.change_user") for user in (editor, agent, administrator))


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force-i-know"):
        call_command("seed_demo")
    assert not Host.objects.exists()
