"""The demo gives each collectivity its terms, its demo hosts and, on Pays des Écrins, the invitation code."""

import pytest
from django.contrib.auth import get_user_model

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.records.models import Accommodation, Classification, Host
from hostspace.terms import services as terms
from hostspace.terms.models import TermsAcceptance, TermsVersion
from portal.demo import hostspace
from portal.demo.collectivities import seed_collectivities

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(locales):
    collectivities = {item.key: item for item in seed_collectivities()}
    for _round in range(2):
        for collectivity in collectivities.values():
            hostspace.seed(collectivity)
    return collectivities


def test_the_demo_is_idempotent_and_has_terms_v1_in_both_languages(seeded):
    assert TermsVersion.objects.count() == 4
    for collectivity in seeded.values():
        cgu = terms.version_in_force(collectivity.site, "cgu")
        privacy = terms.version_in_force(collectivity.site, "privacy")
        assert cgu.label == privacy.label == "Version 1"
        assert cgu.text and cgu.text_en and privacy.text_en
    assert Host.objects.count() == 3
    assert ActivationCode.objects.count() == 1


def test_the_ecrins_demo_host_is_active_with_a_3_star_hotel_and_an_unclassified_meuble(seeded):
    ecrins = seeded["ecrins"]
    user = get_user_model().objects.get(email="hote@example.com")
    assert user.check_password("Demo-hote-2026!")
    host = Host.objects.get(site=ecrins.site, user=user)
    assert not terms.needs_acceptance(user, ecrins.site)
    kinds = {a.kind: a for a in host.accommodations.all()}
    assert set(kinds) == {Accommodation.Kind.HOTEL, Accommodation.Kind.FURNISHED}
    hotel_rating = kinds[Accommodation.Kind.HOTEL].classifications.get()
    assert (hotel_rating.rating, hotel_rating.status) == ("3", Classification.Status.VALIDATED)
    assert hotel_rating.decision_date is not None
    assert kinds[Accommodation.Kind.FURNISHED].classifications.get().rating == "non_classe"


def test_the_demo_invitation_code_opens_the_pending_host_on_pays_des_ecrins_only(seeded):
    found = activation.find_usable_code("ECRINS-2026-DEMO", seeded["ecrins"].site)
    assert found is not None and found.host.user is None
    assert activation.find_usable_code("ECRINS-2026-DEMO", seeded["serreponcon"].site) is None


def test_serre_poncon_has_its_own_active_host_with_one_accommodation(seeded):
    user = get_user_model().objects.get(email="hote@serreponcon.example")
    assert user.check_password("Demo-hote-2026!")
    host = Host.objects.get(site=seeded["serreponcon"].site, user=user)
    assert host.accommodations.count() == 1
    assert TermsAcceptance.objects.filter(user=user).count() == 2
    assert not Host.objects.filter(site=seeded["ecrins"].site, user=user).exists()


def test_agents_get_the_letters_and_export_permissions_editors_the_terms(seeded):
    ecrins = seeded["ecrins"]
    agent_codenames = set(ecrins.agents.permissions.values_list("codename", flat=True))
    editor_codenames = set(ecrins.editors.permissions.values_list("codename", flat=True))
    assert {"add_activationcode", "view_termsacceptance", "add_termsversion"} <= agent_codenames
    assert "add_termsversion" in editor_codenames
    assert "view_termsacceptance" not in editor_codenames


def test_the_demo_opening_periods_are_data_and_seeding_again_changes_nothing(seeded):
    from hostspace.records.models import OpeningPeriod

    hotel = Accommodation.objects.get(name="Hôtel des Écrins")
    assert hotel.opening_periods_text() == "01/06-30/09; 15/12-15/04"
    assert hotel.opening_notes == "Restaurant fermé le lundi hors saison."
    assert Accommodation.objects.get(name="Le Chalet du Pré de Madame Carle").open_all_year
    assert Accommodation.objects.get(name="Gîte de la Bérarde").opening_periods_text() == "01/05-31/10"
    before = sorted(OpeningPeriod.objects.values_list("accommodation_id", "start_day", "start_month", "end_day"))

    for collectivity in seeded.values():
        hostspace.seed(collectivity)

    after = sorted(OpeningPeriod.objects.values_list("accommodation_id", "start_day", "start_month", "end_day"))
    assert after == before and len(before) == 4


def test_demo_links_in_emails_open_the_demo_served_by_make_run(seeded, settings):
    from portal.tenancy import base_url

    settings.PORTAL_URL_SCHEME = "http"
    assert base_url(seeded["ecrins"].site) == "http://paysdesecrins.localhost:8000"
    assert base_url(seeded["serreponcon"].site) == "http://serreponcon.localhost:8000"


def test_a_demo_loaded_before_keeps_one_site_per_collectivity_on_the_demo_port(seeded):
    from wagtail.models import Site

    Site.objects.filter(hostname="paysdesecrins.localhost").update(port=80)
    seed_collectivities()
    assert list(Site.objects.filter(hostname="paysdesecrins.localhost").values_list("port", flat=True)) == [8000]
