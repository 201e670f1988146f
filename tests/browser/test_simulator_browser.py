"""A host simulates the tourist tax in Chromium, by keyboard and mouse, in French and in English; axe finds nothing."""

import pytest

from guides.models import TaxSimulatorPage
from portal.pages import translation_of
from tests.factories import DeliberationFactory, HelpIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def simulator(collectivity, locales):
    DeliberationFactory(site=collectivity.site, year=2026)
    help_page = HelpIndexPageFactory(parent=collectivity.home)
    translation_of(help_page, locales[1], title="Need help?", slug="help")
    simulator = TaxSimulatorPage(title="Simulateur de taxe de séjour", slug="simulateur")
    help_page.add_child(instance=simulator)
    simulator.save_revision().publish()
    translation_of(simulator, locales[1], title="Tourist tax simulator", slug="simulator")
    return simulator


def check(page, axe):
    page.wait_for_load_state("networkidle")
    assert axe(page) == []
    assert page.outside_requests == []


@pytest.mark.parametrize(
    ("prefix", "labels", "total"),
    [
        ("", ("Catégorie de l'hébergement", "Nombre de personnes", "Personnes mineures", "Calculer la taxe"), "6,60 €"),
        ("/en", ("Accommodation category", "Number of persons", "Minors", "Calculate the tax"), "6.60 €"),
    ],
)
def test_host_simulates_a_stay_and_reads_the_breakdown(simulator, page_factory, axe, prefix, labels, total):
    category, persons, minors, button = labels
    page = page_factory()
    page.goto(f"{prefix}/aide/simulateur/" if not prefix else "/en/help/simulator/")
    check(page, axe)

    page.get_by_label(category).select_option("3-stars")
    page.get_by_label("Date d'arrivée" if not prefix else "Arrival date").fill("2026-07-14")
    page.get_by_label("Nombre de nuits" if not prefix else "Number of nights").fill("2")
    page.get_by_label(persons).fill("3")
    page.get_by_label(minors, exact=True).fill("1")
    page.get_by_role("button", name=button).click()

    assert page.locator(".simulator-result__total").inner_text().strip() == total
    check(page, axe)


def test_a_missing_price_is_announced_in_the_summary_and_fixed_on_the_same_page(simulator, page_factory, axe):
    page = page_factory()
    page.goto("/aide/simulateur/")
    page.get_by_label("Catégorie de l'hébergement").select_option("unclassified")
    page.get_by_role("button", name="Calculer la taxe").click()

    assert page.get_by_role("alert").is_visible()
    check(page, axe)
    page.get_by_role("link", name="Prix de la nuitée hors taxes (€) : Indiquez le prix de la nuitée").click()
    price = page.get_by_label("Prix de la nuitée hors taxes (€)")
    price.fill("120")
    price.press("Enter")

    assert page.locator(".simulator-result__total").is_visible()
    check(page, axe)
