"""Bulk actions act on the staff member's own collectivity only, and an accepted CGU version stays, with a message."""

import pytest
from django.contrib.messages import get_messages

from hostspace.terms.models import TermsVersion
from portal.admin_tenancy import unscoped_bulk_actions
from tests.factories import TermsAcceptanceFactory, TermsVersionFactory, verified_login

pytestmark = pytest.mark.django_db

BULK_DELETE = "/admin/bulk/terms/termsversion/delete/"


def admin_of(collectivity, client_for_host):
    return verified_login(client_for_host(collectivity.site.hostname), collectivity.administrator)


@pytest.fixture
def client_for_host():
    from django.test import Client

    return lambda hostname: Client(HTTP_HOST=hostname)


def test_every_bulk_action_on_a_collectivity_model_is_narrowed_to_the_staff_members_collectivity():
    assert unscoped_bulk_actions() == []


def test_agent_of_serreponcon_neither_sees_nor_deletes_an_ecrins_version_in_bulk(ecrins, serreponcon, client_for_host):
    foreign = TermsVersionFactory(site=ecrins.site, label="CGU des Écrins, projet", in_force_from=None)
    admin = admin_of(serreponcon, client_for_host)

    listing = admin.get(BULK_DELETE, {"id": foreign.pk})
    posted = admin.post(f"{BULK_DELETE}?id={foreign.pk}")

    assert listing.status_code == 404 and "CGU des Écrins" not in listing.content.decode()
    assert posted.status_code == 404
    assert TermsVersion.objects.filter(pk=foreign.pk).exists()


def test_deleting_all_versions_in_bulk_deletes_only_the_staff_members_own(ecrins, serreponcon, client_for_host):
    foreign = TermsVersionFactory(site=ecrins.site, in_force_from=None)
    own = TermsVersionFactory(site=serreponcon.site, label="Projet abandonné", in_force_from=None)

    confirmation = admin_of(serreponcon, client_for_host).get(BULK_DELETE, {"id": "all"}).content.decode()
    admin_of(serreponcon, client_for_host).post(f"{BULK_DELETE}?id=all")

    assert "Projet abandonné" in confirmation
    assert not TermsVersion.objects.filter(pk=own.pk).exists()
    assert TermsVersion.objects.filter(pk=foreign.pk).exists()
    assert not TermsVersion.objects.filter(site=serreponcon.site).exists()


def test_bulk_deleting_an_accepted_version_keeps_every_selected_version_and_says_why(serreponcon, client_for_host):
    accepted = TermsVersionFactory(site=serreponcon.site, label="Version 2 – mars 2026")
    TermsAcceptanceFactory(version=accepted)
    draft = TermsVersionFactory(site=serreponcon.site, label="Version 3 – projet", in_force_from=None)
    admin = admin_of(serreponcon, client_for_host)

    response = admin.post(f"{BULK_DELETE}?id={accepted.pk}&id={draft.pk}")

    assert response.status_code == 302
    assert TermsVersion.objects.filter(pk__in=[accepted.pk, draft.pk]).count() == 2
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Version 2 – mars 2026" in text and "conservée comme preuve" in text for text in said)
    assert any("Aucune version n'a été supprimée" in text for text in said)


def test_the_bulk_delete_confirmation_of_an_accepted_version_is_replaced_by_the_message(serreponcon, client_for_host):
    accepted = TermsVersionFactory(site=serreponcon.site, label="Version 2 – mars 2026")
    TermsAcceptanceFactory(version=accepted)

    response = admin_of(serreponcon, client_for_host).get(BULK_DELETE, {"id": accepted.pk}, follow=True)

    assert response.status_code == 200
    assert "conservée comme preuve" in response.content.decode()
    assert TermsVersion.objects.filter(pk=accepted.pk).exists()
