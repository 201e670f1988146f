"""The national grid is data: loaded by a migration with the values of SPEC.md, revised by the platform operator only."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from hostspace.tax import engine
from hostspace.tax.models import NationalGrid
from tests.factories import StaffUserFactory, verified_login

pytestmark = pytest.mark.django_db

GRID = "/admin/grille-nationale/"
ADD_YEAR = GRID + "annee/"
migration = importlib.import_module("hostspace.tax.migrations.0002_national_grid_2024_2026")


def as_engine_grid(rows):
    grid = {}
    for year, category, minimum, maximum in rows.values_list("year", "category", "minimum", "maximum"):
        grid.setdefault(year, {})[category] = (minimum, maximum)
    return grid


def test_the_migration_loads_the_engines_national_grid():
    NationalGrid.objects.all().delete()  # the test database already ran it: run it again on an empty table

    migration.load_grid(apps, None)

    assert as_engine_grid(NationalGrid.objects.all()) == engine.NATIONAL_GRID


def test_the_migration_writes_its_own_values_and_reverses_cleanly():
    assert {
        year: {c: (Decimal(a), Decimal(b)) for c, (a, b) in rows.items()} for year, rows in migration.GRID.items()
    } == engine.NATIONAL_GRID
    migration.unload_grid(apps, None)
    assert not NationalGrid.objects.filter(year__in=[2024, 2026]).exists()


def test_bounds_for_a_known_year_and_none_for_an_unknown_one(grid):
    bounds = NationalGrid.bounds_for(2026)

    assert bounds == engine.NATIONAL_GRID[2026]
    assert str(bounds[engine.UNCLASSIFIED][1]) == "5"  # a percent, read without the column's zeros
    assert NationalGrid.bounds_for(2025) is None
    assert NationalGrid.latest_year() == 2026


def test_a_floor_above_the_ceiling_is_refused():
    row = NationalGrid(year=2030, category=engine.PALACE, minimum=Decimal("5.00"), maximum=Decimal("4.00"))

    with pytest.raises(ValidationError) as error:
        row.full_clean()

    assert error.value.message_dict["maximum"] == ["Le plafond ne peut pas être inférieur au plancher."]


def test_a_category_has_one_row_per_year(grid):
    row = NationalGrid(year=2026, category=engine.PALACE, minimum=Decimal("0.70"), maximum=Decimal("4.90"))

    with pytest.raises(ValidationError):
        row.full_clean()


@pytest.fixture
def operator(client_for, collectivity):
    return verified_login(client_for(collectivity), StaffUserFactory(email="operateur@example.com", is_superuser=True))


def test_the_platform_operator_adds_a_year_of_the_grid_in_one_form(operator, grid):
    form = operator.get(ADD_YEAR)
    assert form.status_code == 200
    page = form.content.decode()
    assert 'name="year"' in page and 'value="2027"' in page  # the year after the latest known
    assert 'name="palace-maximum"' in page and 'value="4.90"' in page  # prefilled with 2026

    data = {"year": "2027"}
    for category, (minimum, maximum) in engine.NATIONAL_GRID[2026].items():
        data[f"{category}-minimum"] = str(minimum)
        data[f"{category}-maximum"] = str(maximum)
    data["palace-maximum"] = "5.00"
    response = operator.post(ADD_YEAR, data)

    assert response.status_code == 302
    assert NationalGrid.bounds_for(2027)[engine.PALACE] == (Decimal("0.70"), Decimal("5.00"))
    assert len(NationalGrid.bounds_for(2027)) == len(engine.CATEGORIES)
    again = operator.post(ADD_YEAR, data)
    assert "La grille de 2027 existe déjà" in again.content.decode()


def test_the_grid_listing_is_the_operators_only(operator, collectivity, agent_for, grid, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert operator.get(GRID).status_code == 200
    assert "/admin/grille-nationale/" in operator.get("/admin/").content.decode()

    agent = agent_for(collectivity)
    for url in (GRID, ADD_YEAR, GRID + "new/", f"{GRID}edit/{grid.first().pk}/"):
        response = agent.get(url)
        assert response.status_code == 302 and response.url == "/admin/", url
    assert "/admin/grille-nationale/" not in agent.get("/admin/").content.decode()
