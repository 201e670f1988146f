"""An agent keeps the collectivity's deliberations in the real Wagtail admin, under the strict script policy.

The agent imports next year's deliberation from the DELTA fixture (preview,
then confirmation), starts the following one from it, and every page they
use passes axe-core in French and in English. The platform operator's grid
pages pass axe too.
"""

from pathlib import Path

import pytest

import hostspace.tax
from hostspace.tax.models import Deliberation
from portal import roles
from tests.browser.steps import audit_in_both_languages, csp_reports, field, log_in_to_the_admin
from tests.factories import DeliberationFactory, StaffUserFactory, load_national_grid
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURE = Path(hostspace.tax.__file__).parent / "fixtures" / "delta_example.xml"


@pytest.fixture
def ecrins(collectivity):
    load_national_grid()  # the transactional tests flush what the migration loaded
    collectivity.branding.siren = "200099018"
    collectivity.branding.save()
    return collectivity


def test_agent_imports_next_years_deliberation_then_prepares_the_following_one(ecrins, page_factory, axe):
    staff_of(ecrins, roles.AGENT, email="agent@example.com")
    DeliberationFactory(site=ecrins.site, year=2026)
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "agent@example.com")

    page.goto("/admin/deliberations/")
    page.get_by_role("link", name="Importer un fichier DELTA").first.click()
    page.get_by_label("Fichier DELTA (XML)").set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Prévisualiser").click()
    page.get_by_text("Le fichier est correct : 1 délibération sera créée").wait_for()
    assert page.get_by_text("Aucune grille nationale n'est enregistrée pour 2027").first.is_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Confirmer l'import").click()
    page.get_by_text("Import terminé : 1 délibération(s) créée(s).").wait_for()
    imported = Deliberation.objects.get(valid_from__year=2027)

    page.goto(f"/admin/deliberations/new/?depuis={imported.pk}")
    assert field(page, "En vigueur à partir du").input_value() == "2028-01-01"
    field(page, "Référence de la délibération").fill("Délibération n° 2027-09 du 9 septembre 2027")
    page.get_by_role("button", name="Créer").click()
    page.get_by_text("Aucune grille nationale n'est enregistrée pour 2028").first.wait_for()

    assert Deliberation.objects.filter(site=ecrins.site).count() == 3
    assert blocked == []


def test_every_tax_page_an_agent_uses_is_accessible_in_french_and_english(ecrins, page_factory, axe):
    agent = staff_of(ecrins, roles.AGENT, email="agent@example.com")
    deliberation = DeliberationFactory(site=ecrins.site, year=2026)
    paths = [
        "/admin/deliberations/",
        "/admin/deliberations/new/",
        f"/admin/deliberations/new/?depuis={deliberation.pk}",
        f"/admin/deliberations/edit/{deliberation.pk}/",
        f"/admin/deliberations/history/{deliberation.pk}/",
        "/admin/deliberations/import/",
    ]
    page = page_factory()
    log_in_to_the_admin(page, axe, "agent@example.com")

    problems = audit_in_both_languages(page, axe, agent, paths)

    assert problems == [], "\n".join(problems)


def test_the_operators_grid_pages_are_accessible_in_french_and_english(ecrins, page_factory, axe):
    operator = StaffUserFactory(email="operateur@example.com", is_superuser=True)
    row = load_national_grid().first()
    paths = ["/admin/grille-nationale/", "/admin/grille-nationale/annee/", f"/admin/grille-nationale/edit/{row.pk}/"]
    page = page_factory()
    log_in_to_the_admin(page, axe, "operateur@example.com")

    problems = audit_in_both_languages(page, axe, operator, paths)

    assert problems == [], "\n".join(problems)
