"""« Simulateur de taxe de séjour »: a public page, without JavaScript, that shows the amount and why."""

import pytest
import wagtail_factories

from guides.models import TaxSimulatorPage
from portal.pages import translation_of
from tests.factories import DeliberationFactory, HelpIndexPageFactory

pytestmark = pytest.mark.django_db


class TaxSimulatorPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TaxSimulatorPage

    title = "Simulateur de taxe de séjour"
    slug = "simulateur"


@pytest.fixture
def simulator(collectivity):
    DeliberationFactory(site=collectivity.site, year=2026)
    help_page = HelpIndexPageFactory(parent=collectivity.home)
    page = TaxSimulatorPageFactory(parent=help_page)
    return page


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


STAY = {"category": "3-stars", "arrival": "2026-07-14", "nights": "2", "persons": "3", "exempt_minors": "1"}


def test_an_empty_simulator_shows_the_form_without_errors(client_for, collectivity, simulator):
    page = text_of(client_for(collectivity).get(simulator.url))

    assert "Calculer la taxe" in page and 'name="price_per_night"' in page
    assert "form-errors" not in page and "<script>" not in page


def test_a_classified_stay_shows_the_total_and_its_breakdown(client_for, collectivity, simulator):
    page = text_of(client_for(collectivity).get(simulator.url, STAY))

    # 1.50 € × 1.10 = 1.65 € per person-night; 2 taxable persons × 2 nights = 4 → 6.60 €.
    assert "6,60 €" in page and "1,65 € par personne et par nuit, pour 4 nuitées taxables" in page
    assert "Taxe additionnelle départementale" in page
    assert "3 occupants, dont 1 exonérés : 2 taxables" in page
    assert "Personnes mineures : 1" in page


def test_an_unclassified_stay_without_price_gets_a_message_and_keeps_what_was_typed(
    client_for, collectivity, simulator
):
    page = text_of(client_for(collectivity).get(simulator.url, {**STAY, "category": "unclassified"}))

    assert "Indiquez le prix de la nuitée" in page
    assert 'value="3"' in page  # the persons typed are still there
    assert "Taxe de séjour à percevoir" not in page


def test_an_unclassified_stay_shows_the_cap(client_for, collectivity, simulator):
    page = text_of(
        client_for(collectivity).get(simulator.url, {**STAY, "category": "unclassified", "price_per_night": "400"})
    )

    assert "Appliqué : 4,00 €" in page


def test_a_date_without_tariffs_is_explained_on_the_page(client_for, collectivity, simulator):
    page = text_of(client_for(collectivity).get(simulator.url, {**STAY, "arrival": "2031-01-01"}))

    assert "Aucun tarif de la taxe de séjour" in page and "en vigueur à cette date" in page


def test_the_simulator_speaks_english_under_en(client_for, collectivity, simulator, locales):
    translation_of(simulator.get_parent().specific, locales[1], title="Need help?", slug="help")
    translation_of(simulator, locales[1], title="Tourist tax simulator", slug="simulator")
    english = simulator.get_translation(locales[1])

    page = text_of(client_for(collectivity).get(english.url, STAY))

    assert "Calculate the tax" in page and "6.60 €" in page
