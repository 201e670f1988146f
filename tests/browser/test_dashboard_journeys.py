"""The host's dashboard in Chromium: edit and see after reload, the guided tour by keyboard, a
classification change validated by an agent behind a second factor; axe-core on every page,
FR and EN, desktop and 360 px."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hostspace.records.models import Accommodation, Classification
from tests.browser.steps import DASHBOARD, assert_accessible, log_in
from tests.factories import (
    DEFAULT_PASSWORD,
    AccommodationFactory,
    ClassificationFactory,
    HostFactory,
    make_agent,
)

pytestmark = pytest.mark.django_db(transaction=True)

MOBILE = {"width": 360, "height": 740}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def host(ecrins):
    host = HostFactory(
        site=ecrins.site, with_account=True, user__email="hote@example.com", first_name="Hélène", last_name="Dupont"
    )
    hotel = AccommodationFactory(host=host, name="Hôtel des Glaciers", kind=Accommodation.Kind.HOTEL, capacity=36)
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    AccommodationFactory(
        host=host,
        name="Gîte du Torrent",
        kind=Accommodation.Kind.FURNISHED,
        registration_number="05101000123AB",
        capacity=6,
    )
    return host


def test_host_edits_their_data_and_runs_the_tour_by_keyboard(host, page_factory, axe):
    page = page_factory()
    log_in(page)

    # First visit: the tour starts by itself, focus inside the dialog.
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate("document.activeElement.id") == "tour-title"
    assert_accessible(page, axe)
    first_title = page.locator("#tour-title").inner_text()
    for _ in range(6):  # Tab never leaves the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('[role=dialog]') !== null")
    page.get_by_role("button", name="Suivant").focus()
    page.keyboard.press("Enter")
    assert page.locator("#tour-title").inner_text() != first_title
    assert "Étape 2 sur" in page.locator("[aria-live=polite]").inner_text()
    assert page.locator(".tour-highlight").count() == 1
    page.keyboard.press("Escape")
    assert not dialog.is_visible()

    # Not again on the next visit, but the button replays it.
    page.reload()
    page.wait_for_load_state("networkidle")
    assert not page.get_by_role("dialog").is_visible()
    page.get_by_role("button", name="Lancer la visite guidée").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("dialog").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent").strip() == "Lancer la visite guidée"
    assert_accessible(page, axe)

    # Personal information: a wrong phone is explained by its field, then fixed.
    page.get_by_role("link", name="Modifier mes informations").click()
    assert_accessible(page, axe)
    page.get_by_label("Téléphone").fill("01 23")
    page.get_by_label("Raison sociale").fill("Chalets Dupont")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert page.get_by_label("Téléphone").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Raison sociale").input_value() == "Chalets Dupont"
    assert_accessible(page, axe)
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r"/tableau-de-bord/$"))
    page.reload()
    assert page.get_by_text("06 12 34 56 78").is_visible()
    assert page.get_by_text("Chalets Dupont", exact=True).is_visible()

    # An accommodation.
    page.get_by_role("link", name="Modifier Gîte du Torrent").click()
    assert_accessible(page, axe)
    page.get_by_label("Capacité d'accueil").fill("8")
    period = page.get_by_role("group", name="Période 1")
    period.get_by_label("Jour de début").select_option("1")
    period.get_by_label("Mois de début").select_option(label="Juin")
    period.get_by_label("Jour de fin").select_option("30")
    period.get_by_label("Mois de fin").select_option(label="Septembre")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    # Still ticked « Ouvert toute l'année »: explained by the box, the period kept.
    all_year = page.get_by_label("Ouvert toute l'année")
    assert all_year.get_attribute("aria-invalid") == "true"
    assert page.get_by_role("group", name="Période 1").get_by_label("Mois de fin").input_value() == "9"
    assert_accessible(page, axe)
    all_year.uncheck()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url(re.compile(r"/hebergements/$"))
    page.reload()
    row = page.get_by_role("row", name=re.compile("Gîte du Torrent"))
    assert "8" in row.inner_text()
    assert "Du 1er juin au 30 septembre" in row.inner_text()

    # English and a 360 px screen.
    for path in (DASHBOARD, "/espace-hebergeur/tableau-de-bord/informations/"):
        page.goto("/en" + path)
        assert_accessible(page, axe)
    mobile = page_factory(viewport=MOBILE, storage_state=page.context.storage_state())
    for path in (
        DASHBOARD,
        "/en" + DASHBOARD,
        f"/espace-hebergeur/tableau-de-bord/hebergements/{host.accommodations.first().pk}/",
    ):
        mobile.goto(path)
        assert_accessible(mobile, axe)
        assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path


def agent_logs_in_with_totp(page, agent):
    key = "3132333435363738393031323334353637383930"
    device = TOTPDevice.objects.create(user=agent, name="default", key=key, confirmed=True)
    page.goto("/en/securite/connexion/?next=/admin/classements/")
    page.get_by_label("Username (email)").fill(agent.email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    token_input = page.locator("input[name$='otp_token']")
    token_input.wait_for()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    token_input.fill(f"{totp.token():06d}")
    token_input.press("Enter")
    page.wait_for_url(re.compile(r"/admin/classements/"))


def test_classification_change_is_submitted_then_validated_by_an_agent(ecrins, host, page_factory, axe, tmp_path):
    page = page_factory()
    log_in(page)
    page.evaluate(f"window.localStorage.setItem('hostspace.tour.seen.{ecrins.site.pk}', '1')")
    page.goto("/espace-hebergeur/tableau-de-bord/classements/demande/")
    assert_accessible(page, axe)
    page.get_by_label("Hébergement", exact=True).select_option(label="Gîte du Torrent (Meublé de tourisme)")
    page.get_by_label("Classement", exact=True).select_option(label="2 étoiles")
    page.get_by_label("Date de la décision").fill("2026-01-15")
    decision = tmp_path / "decision.pdf"
    decision.write_bytes(PDF)
    page.get_by_label("Décision de classement").set_input_files(str(decision))
    page.get_by_role("button", name="Envoyer la demande").click()
    page.wait_for_url(re.compile(r"/classements/$"))
    assert page.get_by_text("En attente de validation").first.is_visible()
    assert_accessible(page, axe)
    for path in (
        "/en/espace-hebergeur/tableau-de-bord/classements/",
        "/espace-hebergeur/tableau-de-bord/documents/",
        "/en/espace-hebergeur/tableau-de-bord/documents/",
        "/en/espace-hebergeur/tableau-de-bord/hebergements/",
        "/en/espace-hebergeur/tableau-de-bord/classements/demande/",
    ):
        page.goto(path)
        assert_accessible(page, axe)
    with page.expect_download() as download:
        page.goto("/espace-hebergeur/tableau-de-bord/documents/")
        page.get_by_role("link", name=re.compile("Gîte du Torrent")).click()
    assert download.value.suggested_filename.endswith(".pdf")

    agent_page = page_factory()
    agent = make_agent(ecrins, email="agent@example.com")
    agent_logs_in_with_totp(agent_page, agent)
    agent_page.get_by_role("link", name=re.compile("Gîte du Torrent")).first.click()
    agent_page.get_by_label("Valider le classement").check()
    agent_page.get_by_role("button", name=re.compile("Enregistrer|Save")).click()
    agent_page.wait_for_url(re.compile(r"/admin/classements/$"))

    page.goto("/espace-hebergeur/tableau-de-bord/classements/")
    current = page.get_by_role("row", name=re.compile("Gîte du Torrent")).first
    assert "2 étoiles" in current.inner_text()
    assert page.get_by_text("Validé").first.is_visible()
