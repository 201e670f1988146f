"""Declarations in Chromium: a host declares a month on a phone by keyboard and corrects it; an agent follows
the period board, exports it and opens a host's états. axe-core on every page, French and English."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Site

from hostspace.declarations import services
from hostspace.declarations.models import Declaration
from hostspace.records.models import Accommodation, Classification
from portal import roles
from tests.browser.steps import assert_accessible, audit_in_both_languages, csp_reports, log_in, log_in_to_the_admin
from tests.factories import (
    ClassificationFactory,
    DeclaringAccommodationFactory,
    DeliberationFactory,
    HostFactory,
    StayFactory,
    load_national_grid,
    make_collectivity,
)
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db(transaction=True)

MOBILE = {"width": 360, "height": 740}
JULY = datetime.date(2026, 7, 1)


@pytest.fixture
def ecrins(locales, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    load_national_grid()
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    tenant = make_collectivity(
        "paysdesecrins.localhost", "Pays des Écrins", "#1d4f91", "#a52a1a", "04 92 23 00 00", is_default=True
    )
    for year in (2025, 2026):
        DeliberationFactory(site=tenant.site, year=year)
    return tenant


@pytest.fixture
def host(ecrins):
    host = HostFactory(
        with_account=True, site=ecrins.site, user__email="hote@example.com", first_name="Hélène", last_name="Dupont"
    )
    hotel = DeclaringAccommodationFactory(host=host, name="Hôtel des Glaciers", kind=Accommodation.Kind.HOTEL)
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    DeclaringAccommodationFactory(
        host=host, name="Gîte du Torrent", kind=Accommodation.Kind.FURNISHED, registration_number="05101000123AB"
    )
    return host


def hotel_of(host):
    return host.accommodations.get(name="Hôtel des Glaciers")


def period_path(accommodation, start=JULY, language=""):
    return f"{language}{reverse('hostspace:declaration_period', args=[accommodation.pk, start.isoformat()])}"


def log_in_host(page):
    """Log in; the guided tour opens by itself on a first visit: close it (Escape), as a host would."""
    log_in(page)
    page.wait_for_load_state("networkidle")
    if page.get_by_role("dialog").is_visible():
        page.keyboard.press("Escape")


def add_stay_by_keyboard(page, arrival, departure, persons, minors="0"):
    page.get_by_label("Date d'arrivée").fill(arrival)
    page.get_by_label("Date de départ").fill(departure)
    page.get_by_label("Nombre d'occupants").fill(persons)
    page.get_by_label("Personnes mineures").fill(minors)
    page.get_by_role("button", name="Enregistrer le séjour", exact=True).focus()
    page.keyboard.press("Enter")


def test_a_host_declares_a_month_on_a_phone_by_keyboard(host, page_factory, axe):
    hotel = hotel_of(host)
    StayFactory(accommodation=hotel, arrival=datetime.date(2026, 7, 20), departure=datetime.date(2026, 7, 22),
                channel="booking")  # fmt: skip
    page = page_factory(viewport=MOBILE)
    log_in_host(page)

    page.get_by_role("link", name="Mes déclarations", exact=True).click()
    page.wait_for_url(re.compile(r"/declarations/$"))
    assert page.get_by_text("périodes sont en retard").first.is_visible()
    assert_accessible(page, axe)

    page.goto(period_path(hotel))
    assert_accessible(page, axe)
    page.get_by_role("link", name="Ajouter un séjour").click()
    assert_accessible(page, axe)
    # A stay with more minors than occupants is explained on its field, by keyboard.
    add_stay_by_keyboard(page, "2026-07-06", "2026-07-09", "2", minors="3")
    page.get_by_text("Le formulaire contient des erreurs").wait_for()
    assert page.get_by_label("Nombre d'occupants").get_attribute("aria-invalid") == "true"
    assert_accessible(page, axe)
    add_stay_by_keyboard(page, "2026-07-06", "2026-07-09", "4", minors="2")
    page.wait_for_url(re.compile(r"/hebergement/\d+/2026-07-01/$"))
    assert page.get_by_text("9,90 €").first.is_visible()

    page.get_by_role("button", name="Valider la déclaration").focus()
    page.keyboard.press("Enter")
    page.get_by_text(re.compile(r"La déclaration n° .* de juillet 2026 est enregistrée : 9,90 €")).wait_for()
    assert_accessible(page, axe)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("État récapitulatif \\(PDF\\)")).first.click()
    assert download.value.suggested_filename.startswith("etat-recapitulatif-")
    assert Declaration.objects.get(accommodation=hotel).amount_due == Decimal("9.90")

    # The next month has no stay: « Aucune nuitée » in one click, in English this time.
    page.goto(period_path(hotel, datetime.date(2026, 8, 1), language="/en"))
    assert_accessible(page, axe)
    page.get_by_role("button", name=re.compile("Aucune nuitée|No nights")).click()
    page.wait_for_load_state("networkidle")
    assert Declaration.objects.get(accommodation=hotel, period_start=datetime.date(2026, 8, 1)).kind == "none"


def test_a_host_corrects_a_declared_month(host, page_factory, axe):
    hotel = hotel_of(host)
    StayFactory(accommodation=hotel, persons=2)
    services.declare(hotel, JULY, user=host.user)
    page = page_factory()
    log_in_host(page)

    page.goto(period_path(hotel))
    page.get_by_text("Corriger cette déclaration").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Motif de la correction").fill("Séjour du 24 au 26 oublié")
    page.get_by_role("button", name="Ouvrir la correction").click()
    page.get_by_text("Correction ouverte").wait_for()
    assert_accessible(page, axe)
    page.get_by_role("link", name="Ajouter un séjour").click()
    add_stay_by_keyboard(page, "2026-07-24", "2026-07-26", "3")
    page.wait_for_url(re.compile(r"/2026-07-01/$"))
    page.get_by_role("button", name="Valider la déclaration rectificative").click()
    page.get_by_text("Différence avec la version 1").wait_for()

    assert page.get_by_text("Séjour ajouté : du 24/07/2026 au 26/07/2026").is_visible()
    assert page.get_by_text("+9,90").first.is_visible()
    assert_accessible(page, axe)
    assert list(Declaration.objects.order_by("version").values_list("version", "amount_due")) == [
        (1, Decimal("9.90")),
        (2, Decimal("19.80")),
    ]


def test_an_agent_follows_the_board_exports_it_and_opens_the_etats(host, ecrins, page_factory, axe):
    agent = staff_of(ecrins, roles.AGENT, email="agent@example.com")
    hotel = hotel_of(host)
    StayFactory(accommodation=hotel, persons=2)
    declaration = services.declare(hotel, JULY, user=host.user)
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "agent@example.com")

    page.get_by_role("button", name="Déclarations").first.click()
    page.get_by_role("link", name="Tableau des périodes", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/declarations/"))
    page.get_by_label("Statut").select_option(label="En retard")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="juillet 2026").click()
    page.get_by_role("cell", name="Gîte du Torrent", exact=True).wait_for()
    assert page.get_by_role("cell", name="Hôtel des Glaciers", exact=True).count() == 0  # declared: not « en retard »
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter en XLSX").click()
    assert download.value.suggested_filename == "declarations-2026-07.xlsx"

    problems = audit_in_both_languages(
        page,
        axe,
        agent,
        [
            "/admin/declarations/?annee=2026",
            f"/admin/declarations/periode/{JULY.isoformat()}/",
            f"/admin/declarations/hebergeur/{host.pk}/",
            f"/admin/declarations/hebergement/{hotel.pk}/{JULY.isoformat()}/",
            f"/admin/declarations/hebergement/{hotel.pk}/2026-08-01/",
            "/admin/declarations/relances/",
        ],
    )
    assert problems == [], "\n".join(problems)
    with page.expect_download() as download:
        page.goto(f"/admin/declarations/hebergeur/{host.pk}/")
        page.get_by_role("link", name=declaration.number_display).click()
    assert download.value.suggested_filename.startswith("etat-recapitulatif-")
    assert blocked == []
