"""The demo collectivities levy the tax as SPEC.md says, and their 2027 deliberation waits in the DELTA fixture."""

import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

import hostspace.tax
from hostspace.tax import engine, imports, services
from hostspace.tax.engine import Stay
from hostspace.tax.models import Deliberation
from portal.demo import seed, tax

pytestmark = pytest.mark.django_db

FIXTURE = Path(hostspace.tax.__file__).parent / "fixtures" / "delta_example.xml"


@pytest.fixture
def seeded(collectivity, other_collectivity, grid):
    demo = [
        SimpleNamespace(key="ecrins", site=collectivity.site),
        SimpleNamespace(key="serreponcon", site=other_collectivity.site),
    ]
    for item in demo:
        tax.seed(item)
    return demo


def test_the_tax_step_runs_with_the_demo(collectivity):
    assert tax in seed.STEPS


def test_both_collectivities_have_their_2025_and_2026_deliberations(seeded, collectivity, other_collectivity):
    for site, frequency, due_days in (
        (collectivity.site, "monthly", 31),
        (other_collectivity.site, "quarterly", 20),
    ):
        rows = Deliberation.objects.filter(site=site).order_by("valid_from")
        assert [(row.valid_from, row.valid_until) for row in rows] == [
            (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
            (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        ]
        for row in rows:
            assert row.surcharge_codes() == [engine.DEPARTMENTAL]
            assert row.low_rent_threshold == Decimal("1.00")
            assert row.regimes == {}  # au réel for every nature
            assert (row.declaration_frequency, row.due_days) == (frequency, due_days)


def test_the_demo_tariffs_are_spec_s(seeded, collectivity, other_collectivity):
    stay = Stay(nights=2, persons=2)
    day = datetime.date(2026, 7, 14)

    assert services.estimate(collectivity.site, day, engine.THREE_STARS, stay).total == Decimal("6.60")
    assert services.estimate(other_collectivity.site, day, engine.THREE_STARS, stay).total == Decimal("5.28")
    assert services.tariffs_on(other_collectivity.site, datetime.date(2025, 3, 1)).unclassified_rate == Decimal("4")


def test_seeding_again_changes_nothing(seeded):
    before = list(Deliberation.objects.values_list("pk", "updated_at"))

    for item in seeded:
        tax.seed(item)

    assert list(Deliberation.objects.values_list("pk", "updated_at")) == before


def test_the_demo_sirens_find_the_2027_deliberations_of_the_delta_fixture(seeded, collectivity, other_collectivity):
    for site in (collectivity.site, other_collectivity.site):
        plan = imports.read(site, FIXTURE.read_bytes())
        assert plan.is_valid, plan.errors
        assert plan.rows[0].deliberation.valid_from == datetime.date(2027, 1, 1)
