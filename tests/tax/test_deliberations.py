"""Agents enter their collectivity's deliberation in the admin: checked against the national grid, never overlapping,
never visible to another collectivity, deleted only before it comes into force."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from wagtail.log_actions import log

from hostspace.tax import engine
from hostspace.tax.models import Deliberation, TaxLogEntry
from portal import roles
from tests.factories import DeliberationFactory, StaffUserFactory, verified_login
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db

LIST = "/admin/deliberations/"
ADD = LIST + "new/"


def edit_url(deliberation):
    return f"{LIST}edit/{deliberation.pk}/"


def form_data(**overrides):
    """What an agent types for the 2027 deliberation of Pays des Écrins (réel, departmental tax)."""
    data = {
        "label": "Délibération n° 2026-21 du 10 septembre 2026",
        "adopted_on": "2026-09-10",
        "valid_from": "2027-01-01",
        "valid_until": "2027-12-31",
        "tariff_palace": "4.00",
        "tariff_5_stars": "2.80",
        "tariff_4_stars": "2.00",
        "tariff_3_stars": "1.50",
        "tariff_2_stars": "0.90",
        "tariff_1_star": "0.80",
        "tariff_camping_3_5_stars": "0.60",
        "tariff_camping_1_2_stars": "0.20",
        "unclassified_rate": "5",
        "surcharge_departmental": "on",
        "low_rent_threshold": "1.00",
        "abatement_percent": "0",
        "declaration_frequency": "monthly",
        "due_days": "15",
        "collection_periods-TOTAL_FORMS": "0",
        "collection_periods-INITIAL_FORMS": "0",
        "collection_periods-MIN_NUM_FORMS": "0",
        "collection_periods-MAX_NUM_FORMS": "12",
    }
    for kind in (
        "hotel",
        "residence",
        "meuble",
        "village",
        "chambre_hotes",
        "camping",
        "aire_camping_cars",
        "port",
        "auberge",
        "palace",
        "autre",
    ):
        data[f"regime_{kind}"] = engine.REEL
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def text(response):
    """The page as a person reads it: tags dropped, entities and spaces normalised."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def agent(collectivity, agent_for, grid):
    return agent_for(collectivity)


# Entering a deliberation ------------------------------------------------------------------------------


def test_an_agent_enters_next_years_tariffs_for_their_own_collectivity(agent, collectivity):
    page = agent.get(ADD)
    assert page.status_code == 200
    assert 'name="site"' not in page.content.decode()  # the collectivity is the agent's, never chosen
    assert "Grille nationale 2026 : de 0,70 € à 4,90 €." in text(page)

    response = agent.post(ADD, form_data(valid_from="2026-01-01", valid_until="2026-12-31"))

    assert response.status_code == 302, text(response)[:3000]
    deliberation = Deliberation.objects.get()
    assert deliberation.site == collectivity.site
    assert deliberation.tariff_palace == Decimal("4.00")
    assert deliberation.unclassified_rate == Decimal("5")
    assert deliberation.surcharge_codes() == [engine.DEPARTMENTAL]
    assert deliberation.regimes == {}
    assert deliberation.regime_for("hotel") == engine.REEL
    assert TaxLogEntry.objects.filter(action="wagtail.create", site=collectivity.site).count() == 1


def test_an_agent_cannot_file_a_deliberation_for_another_collectivity(agent, collectivity, other_collectivity):
    response = agent.post(ADD, form_data(site=str(other_collectivity.site.pk)))

    assert response.status_code == 302
    assert Deliberation.objects.get().site == collectivity.site


def test_a_tariff_outside_the_national_grid_is_refused_with_the_bounds(agent):
    response = agent.post(
        ADD, form_data(valid_from="2026-01-01", valid_until="2026-12-31", tariff_palace="5.00", unclassified_rate="6")
    )

    assert response.status_code == 200
    page = text(response)
    assert "Le tarif de 5,00 € pour « Palaces » est hors de la grille nationale" in page
    assert "compris entre 0,70 € et 4,90 € par personne et par nuit" in page
    assert "Le taux de 6 %" in page and "compris entre 1 % et 5 %" in page
    assert not Deliberation.objects.exists()


def test_a_validity_across_two_years_is_checked_against_both_grids(agent):
    # 2.60 € fits 2026's 4-star ceiling but not 2024's (2.50 €).
    response = agent.post(ADD, form_data(valid_from="2024-01-01", valid_until="2026-12-31", tariff_4_stars="2.60"))

    page = text(response)
    assert "Grille nationale 2024 : Le tarif de 2,60 €" in page
    assert "Grille nationale 2026" not in page.split("Grille nationale 2024 : Le tarif")[1][:200]
    assert not Deliberation.objects.exists()


def test_a_year_without_a_national_grid_is_accepted_with_a_warning(agent):
    response = agent.post(ADD, form_data(valid_from="2027-01-01", valid_until="2027-12-31"), follow=True)

    assert response.status_code == 200
    assert Deliberation.objects.filter(valid_from=datetime.date(2027, 1, 1)).exists()
    assert "Aucune grille nationale n'est enregistrée pour 2027" in text(response)


def test_the_warning_shows_on_the_form_when_it_has_errors_too(agent):
    response = agent.post(ADD, form_data(label=""))

    assert response.status_code == 200
    assert "Aucune grille nationale n'est enregistrée pour 2027" in text(response)


def test_an_overlapping_validity_is_refused_naming_the_deliberation_in_force(agent, collectivity):
    DeliberationFactory(site=collectivity.site, year=2027, label="Délibération n° 2026-3")

    response = agent.post(ADD, form_data(valid_from="2027-06-01", valid_until="2028-05-31"))

    assert response.status_code == 200
    page = text(response)
    assert "Cette validité chevauche celle de « Délibération n° 2026-3 »" in page
    assert "du 1er janvier 2027 au 31 décembre 2027" in page
    assert Deliberation.objects.count() == 1


def test_an_open_ended_deliberation_overlaps_every_later_one(agent, collectivity):
    DeliberationFactory(site=collectivity.site, year=2026, valid_until=None, label="Sans fin")

    response = agent.post(ADD, form_data())

    assert "chevauche celle de « Sans fin » (à partir du 1er janvier 2026)" in text(response)


def test_another_collectivitys_deliberation_does_not_overlap(agent, other_collectivity):
    DeliberationFactory(site=other_collectivity.site, year=2027)

    assert agent.post(ADD, form_data()).status_code == 302


def test_a_validity_ending_before_it_starts_is_refused(agent):
    response = agent.post(ADD, form_data(valid_until="2026-12-31"))

    assert "La fin de validité ne peut pas précéder son début." in text(response)


def test_a_forfait_needs_its_collection_periods_and_an_abatement_within_the_law(agent):
    response = agent.post(ADD, form_data(regime_meuble=engine.FORFAIT, abatement_percent="5"))

    page = text(response)
    assert "indiquez au moins une période de perception du forfait" in page
    assert "L'abattement doit être nul ou compris entre 10 % et 80 %." in page
    assert not Deliberation.objects.exists()


def test_a_forfait_with_its_collection_period_is_saved(agent):
    periods = {
        "collection_periods-TOTAL_FORMS": "1",
        "collection_periods-0-start_day": "1",
        "collection_periods-0-start_month": "6",
        "collection_periods-0-end_day": "30",
        "collection_periods-0-end_month": "9",
        "collection_periods-0-id": "",
    }
    response = agent.post(ADD, form_data(regime_meuble=engine.FORFAIT, abatement_percent="30", **periods))

    assert response.status_code == 302, text(response)[:3000]
    deliberation = Deliberation.objects.get()
    assert deliberation.regime_for("meuble") == engine.FORFAIT
    assert deliberation.regime_for("hotel") == engine.REEL
    assert [str(period) for period in deliberation.collection_periods.all()] == ["du 1er juin au 30 septembre"]
    form = agent.get(edit_url(deliberation)).content.decode()
    meuble = re.search(r'<select name="regime_meuble".*?</select>', form, re.S).group(0)
    assert re.search(r'<option value="forfait"\s+selected>', meuble)


def test_an_agent_starts_next_years_deliberation_from_this_years(agent, collectivity):
    current = DeliberationFactory(site=collectivity.site, year=2026, tariff_3_stars=Decimal("1.40"))

    page = agent.get(f"{ADD}?depuis={current.pk}").content.decode()

    assert 'name="valid_from" value="2027-01-01"' in page
    assert 'name="valid_until" value="2027-12-31"' in page
    assert 'name="tariff_3_stars" value="1.40"' in page


def test_the_listing_offers_to_prepare_the_next_deliberation_and_to_import(agent, collectivity):
    current = DeliberationFactory(site=collectivity.site, year=2026)

    page = agent.get(LIST).content.decode()

    assert f"{ADD}?depuis={current.pk}" in page
    assert "/admin/deliberations/import/" in page


def test_editing_keeps_the_rules(agent, collectivity):
    deliberation = DeliberationFactory(site=collectivity.site, year=2026)

    response = agent.post(
        edit_url(deliberation),
        form_data(label=deliberation.label, valid_from="2026-01-01", valid_until="2026-12-31", tariff_1_star="0.90"),
    )

    assert "Le tarif de 0,90 €" in text(response)
    deliberation.refresh_from_db()
    assert deliberation.tariff_1_star == Decimal("0.80")


# Deleting ------------------------------------------------------------------------------------------------


def test_a_deliberation_not_yet_in_force_can_be_deleted(agent, collectivity):
    future = DeliberationFactory(site=collectivity.site, year=2099)

    assert f"{LIST}delete/{future.pk}/" in agent.get(LIST).content.decode()
    response = agent.post(f"{LIST}delete/{future.pk}/")

    assert response.status_code == 302
    assert not Deliberation.objects.exists()


def test_a_deliberation_in_force_is_kept(agent, collectivity):
    started = DeliberationFactory(site=collectivity.site, year=2020)

    assert f"{LIST}delete/{started.pk}/" not in agent.get(LIST).content.decode()
    assert f"{LIST}delete/{started.pk}/" not in agent.get(edit_url(started)).content.decode()
    refused = agent.get(f"{LIST}delete/{started.pk}/", follow=True)
    assert "Cette délibération est en vigueur depuis le 1 janvier 2020 : elle est conservée." in text(refused)
    forced = agent.post(f"{LIST}delete/{started.pk}/")
    assert (forced.status_code, forced.url) == (302, "/admin/")  # Wagtail's answer to PermissionDenied
    assert Deliberation.objects.filter(pk=started.pk).exists()


# Tenancy ----------------------------------------------------------------------------------------------------


def test_an_agent_never_sees_nor_reaches_another_collectivitys_deliberation(
    agent, collectivity, other_collectivity, agent_for
):
    foreign = DeliberationFactory(site=other_collectivity.site, year=2099, label="Délibération de Serre-Ponçon")
    log(foreign, "wagtail.edit")
    DeliberationFactory(site=collectivity.site, year=2026, label="Délibération des Écrins")

    listing = agent.get(LIST).content.decode()
    assert "Délibération des Écrins" in listing
    assert "Délibération de Serre-Ponçon" not in listing
    for url in (
        edit_url(foreign),
        f"{LIST}delete/{foreign.pk}/",
        f"{LIST}history/{foreign.pk}/",
        f"{LIST}history-results/{foreign.pk}/",
        f"{LIST}usage/{foreign.pk}/",
    ):
        assert agent.get(url).status_code == 404, url
    assert agent.post(edit_url(foreign), form_data()).status_code == 404
    assert agent.post(f"{LIST}delete/{foreign.pk}/").status_code == 404
    assert Deliberation.objects.filter(pk=foreign.pk).exists()
    # Starting from it copies nothing of it.
    assert "Serre-Ponçon" not in agent.get(f"{ADD}?depuis={foreign.pk}").content.decode()
    # Nor does the site history report name it.
    assert "Délibération de Serre-Ponçon" not in agent.get("/admin/reports/site-history/").content.decode()
    assert "Délibération de Serre-Ponçon" in agent_for(other_collectivity).get(LIST).content.decode()


def test_the_history_of_a_deliberation_lists_its_changes(agent, collectivity):
    agent.post(ADD, form_data())
    deliberation = Deliberation.objects.get()

    response = agent.get(f"{LIST}history/{deliberation.pk}/")

    assert response.status_code == 200
    assert TaxLogEntry.objects.get().site_id == collectivity.site.pk


def test_an_agent_finds_a_deliberation_by_its_reference(agent, collectivity):
    DeliberationFactory(site=collectivity.site, year=2025, label="Délibération n° 2024-31")
    DeliberationFactory(site=collectivity.site, year=2026, label="Délibération n° 2025-14")

    page = agent.get(LIST, {"q": "2024-31"}).content.decode()

    assert "Délibération n° 2024-31" in page
    assert "Délibération n° 2025-14" not in page


def test_the_listing_stays_within_a_fixed_number_of_queries(agent, collectivity, django_assert_max_num_queries):
    for year in range(2000, 2030):
        DeliberationFactory(site=collectivity.site, year=year)

    with django_assert_max_num_queries(30):
        response = agent.get(LIST)

    assert response.status_code == 200
    assert response.content.decode().count("Délibération n° ") >= 20


# Who may ----------------------------------------------------------------------------------------------------


def test_administrators_hold_the_deliberation_rights_and_editors_do_not(collectivity, client_for, grid):
    editor = verified_login(client_for(collectivity), staff_of(collectivity, roles.EDITOR))
    administrator = verified_login(client_for(collectivity), staff_of(collectivity, roles.ADMINISTRATOR))

    assert administrator.post(ADD, form_data()).status_code == 302
    assert editor.get(LIST).status_code in (302, 403)
    assert editor.post(ADD, form_data(valid_from="2028-01-01", valid_until="2028-12-31")).status_code in (302, 403)
    assert Deliberation.objects.count() == 1


def test_staff_without_a_collectivity_cannot_create_one(client_for, collectivity):
    drifter = StaffUserFactory(email="sans-collectivite@example.com")
    for codename in ("access_admin", "add_deliberation", "view_deliberation"):
        drifter.user_permissions.add(Permission.objects.get(codename=codename))
    client = verified_login(client_for(collectivity), drifter)

    refused = client.get(ADD)
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's answer to PermissionDenied


def test_the_platform_team_chooses_the_collectivity(client_for, collectivity, other_collectivity, grid):
    operator = StaffUserFactory(email="operateur@example.com", is_superuser=True)
    client = verified_login(client_for(collectivity), operator)

    assert 'name="site"' in client.get(ADD).content.decode()
    missing = client.post(ADD, form_data())
    assert missing.status_code == 200 and not Deliberation.objects.exists()
    assert client.post(ADD, form_data(site=str(other_collectivity.site.pk))).status_code == 302
    assert Deliberation.objects.get().site == other_collectivity.site
