"""Versioned CGU and privacy policy: the host accepts the versions in force before anything else opens."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from hostspace.terms import services as terms
from hostspace.terms.models import AppendOnlyError, TermsAcceptance, TermsVersion
from tests.factories import HostFactory, TermsAcceptanceFactory, TermsVersionFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
TERMS_URL = "/espace-hebergeur/conditions/"


@pytest.fixture
def versions(collectivity):
    return (
        TermsVersionFactory(site=collectivity.site, kind="cgu", label="CGU v1", in_force_from=TODAY.replace(month=1)),
        TermsVersionFactory(
            site=collectivity.site, kind="privacy", label="Confidentialité v1", in_force_from=TODAY.replace(month=1)
        ),
    )


def test_the_version_in_force_is_the_latest_whose_date_has_come(collectivity):
    site = collectivity.site
    TermsVersionFactory(site=site, kind="cgu", label="v1", in_force_from=datetime.date(2025, 1, 1))
    v2 = TermsVersionFactory(site=site, kind="cgu", label="v2", in_force_from=datetime.date(2026, 3, 1))
    TermsVersionFactory(site=site, kind="cgu", label="v3", in_force_from=datetime.date(2027, 1, 1))
    assert terms.version_in_force(site, "cgu", today=TODAY) == v2
    assert terms.version_in_force(site, "privacy", today=TODAY) is None
    assert terms.versions_in_force(site, today=TODAY) == {"cgu": v2}


def test_versions_belong_to_their_collectivity(collectivity, other_collectivity):
    TermsVersionFactory(site=other_collectivity.site, kind="cgu")
    assert terms.version_in_force(collectivity.site, "cgu") is None


def test_a_host_who_has_not_accepted_the_versions_in_force_needs_to(collectivity, versions):
    host = HostFactory(site=collectivity.site, active=True)
    assert terms.needs_acceptance(host.user, collectivity.site)
    terms.accept(host.user, versions, ip_address="203.0.113.1", user_agent="Firefox")
    assert not terms.needs_acceptance(host.user, collectivity.site)


def test_a_new_version_in_force_asks_again(collectivity, versions):
    host = HostFactory(site=collectivity.site, active=True, accepted_terms=True)
    assert not terms.needs_acceptance(host.user, collectivity.site)
    TermsVersionFactory(
        site=collectivity.site, kind="privacy", label="Confidentialité v2", in_force_from=timezone.localdate()
    )
    assert terms.needs_acceptance(host.user, collectivity.site)
    assert [v.label for v in terms.pending_versions(host.user, collectivity.site)] == ["Confidentialité v2"]


def test_a_version_announced_for_later_does_not_ask_yet(collectivity, versions):
    host = HostFactory(site=collectivity.site, active=True, accepted_terms=True)
    TermsVersionFactory(
        site=collectivity.site, kind="cgu", in_force_from=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert not terms.needs_acceptance(host.user, collectivity.site)


def test_without_any_version_nothing_is_asked(collectivity):
    host = HostFactory(site=collectivity.site, active=True)
    assert not terms.needs_acceptance(host.user, collectivity.site)


def test_acceptance_on_one_collectivity_does_not_count_on_another(collectivity, other_collectivity, versions):
    person = UserFactory()
    HostFactory(site=collectivity.site, user=person, accepted_terms=True)
    TermsVersionFactory(site=other_collectivity.site, kind="cgu")
    HostFactory(site=other_collectivity.site, user=person)
    assert not terms.needs_acceptance(person, collectivity.site)
    assert terms.needs_acceptance(person, other_collectivity.site)


def test_needs_acceptance_costs_two_queries(collectivity, versions, django_assert_max_num_queries):
    host = HostFactory(site=collectivity.site, active=True, accepted_terms=True)
    with django_assert_max_num_queries(2):
        terms.needs_acceptance(host.user, collectivity.site)


def test_an_acceptance_can_neither_be_changed_nor_deleted(collectivity, versions):
    acceptance = TermsAcceptanceFactory(version=versions[0])
    acceptance.ip_address = "10.0.0.1"
    with pytest.raises(AppendOnlyError):
        acceptance.save()
    with pytest.raises(AppendOnlyError):
        acceptance.delete()
    assert TermsAcceptance.objects.get(pk=acceptance.pk).ip_address == "203.0.113.7"


def test_an_accepted_version_cannot_be_rewritten(collectivity, versions):
    from django.core.exceptions import ValidationError

    TermsAcceptanceFactory(version=versions[0])
    version = TermsVersion.objects.get(pk=versions[0].pk)
    version.text = "<p>Autre chose</p>"
    with pytest.raises(ValidationError):
        version.full_clean()
    fresh = versions[1]
    fresh.text = "<p>Corrigé avant toute acceptation</p>"
    fresh.full_clean()


# The pages


def logged_in(client, host):
    client.force_login(host.user)
    return client


def test_the_dashboard_sends_a_host_who_has_not_accepted_to_the_terms(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True)
    response = logged_in(client_for(collectivity), host).get(reverse("hostspace:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == TERMS_URL


def test_the_terms_page_shows_the_seed_texts_and_links_to_each_document(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True)
    response = logged_in(client_for(collectivity), host).get(TERMS_URL)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Pour créer et valider votre compte" in page
    assert "traitées par Nouveaux Terroires en qualité de sous-traitant" in page
    assert "conditions générales d'utilisation" in page
    assert "politique de confidentialité" in page
    assert 'href="/espace-hebergeur/conditions/cgu/"' in page
    assert 'href="/espace-hebergeur/conditions/privacy/"' in page
    assert ">Valider</button>" in page


def test_both_boxes_are_required(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True)
    response = logged_in(client_for(collectivity), host).post(TERMS_URL, {"accept_cgu": "on"})
    assert response.status_code == 200
    assert "Vous devez accepter la politique de confidentialité." in response.content.decode()
    assert not TermsAcceptance.objects.exists()


def test_accepting_both_records_the_proof_and_opens_the_dashboard(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True)
    client = logged_in(client_for(collectivity, REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Navigateur/1.0"), host)
    response = client.post(TERMS_URL, {"accept_cgu": "on", "accept_privacy": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")
    proofs = TermsAcceptance.objects.filter(user=host.user).order_by("version__kind")
    assert [(p.version.label, p.ip_address, p.user_agent) for p in proofs] == [
        ("CGU v1", "198.51.100.23", "Navigateur/1.0"),
        ("Confidentialité v1", "198.51.100.23", "Navigateur/1.0"),
    ]
    assert client.get(reverse("hostspace:dashboard")).status_code == 200


def test_a_host_who_accepted_is_not_shown_the_terms_page_again(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True, accepted_terms=True)
    response = logged_in(client_for(collectivity), host).get(TERMS_URL)
    assert response["Location"] == reverse("hostspace:dashboard")


def test_the_terms_page_needs_a_logged_in_host_of_this_collectivity(collectivity, other_collectivity, client_for):
    assert client_for(collectivity).get(TERMS_URL).status_code == 302
    stranger = HostFactory(site=other_collectivity.site, active=True)
    response = logged_in(client_for(collectivity), stranger).get(TERMS_URL)
    assert response.status_code in (302, 403)


def test_the_document_page_shows_the_version_in_force_in_french_and_english(collectivity, client_for, versions):
    client = client_for(collectivity)
    french = client.get("/espace-hebergeur/conditions/cgu/")
    assert "Les présentes conditions générales" in french.content.decode()
    assert "CGU v1" in french.content.decode()
    english = client.get("/en/espace-hebergeur/conditions/cgu/")
    assert "These terms of use govern" in english.content.decode()
    assert client.get("/espace-hebergeur/conditions/autre/").status_code == 404


def test_hostile_posts_to_the_terms_page_are_form_errors(collectivity, client_for, versions):
    host = HostFactory(site=collectivity.site, active=True)
    client = logged_in(client_for(collectivity), host)
    for data in ({"accept_cgu": ["x"] * 50}, {"accept_privacy": "\x00" * 10000}, {"accept_cgu": ""}):
        response = client.post(TERMS_URL, data)
        assert response.status_code == 200
    assert not TermsAcceptance.objects.exists()
