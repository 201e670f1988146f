"""The demo, relative to the day it runs: a year of declarations for hote@example.com (one with a rectifying
version), the month before the last declared with an amount to pay, the last one left to declare; Serre-Ponçon
declares quarterly. Seeding again the same day changes nothing."""

import pytest
from django.utils import timezone

from hostspace.declarations import services
from hostspace.declarations.models import Declaration, Stay
from hostspace.records.models import Host
from portal.demo import declarations, hostspace, tax
from portal.demo.collectivities import seed_collectivities

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(locales):
    collectivities = {item.key: item for item in seed_collectivities()}
    for item in collectivities.values():
        hostspace.seed(item)
        tax.seed(item)
    lasts = {key: declarations.seed(item) for key, item in collectivities.items()}
    return collectivities, lasts


def rows_of(email, site):
    host = Host.objects.get(site=site, user__email=email)
    accommodations = list(host.accommodations.prefetch_related("classifications"))
    return host, services.period_rows(accommodations, services.rules_for(site), timezone.localdate())


def test_the_demo_host_has_declared_a_year_with_the_last_month_left(demo):
    collectivities, lasts = demo
    ecrins = collectivities["ecrins"]
    host, rows = rows_of("hote@example.com", ecrins.site)
    last = lasts["ecrins"]
    ended = sorted({row.period for row in rows if row.period.has_ended(timezone.localdate())})

    assert last.months == 1 and ended[-1] == last
    by_period = {}
    for row in rows:
        by_period.setdefault(row.period, []).append(row)
    assert all(row.declaration is None for row in by_period[last])
    assert services.status_of(last, None, timezone.localdate()) == services.Status.TO_DECLARE
    before_last = ended[-2]
    assert all(row.declaration is not None for row in by_period[before_last])
    assert sum(row.declaration.amount_due for row in by_period[before_last]) > 0
    assert all(row.declaration is not None for period in ended[-13:-1] for row in by_period[period])
    declared = Declaration.objects.filter(accommodation__host=host)
    assert declared.filter(version=2).count() == 1 and declared.get(version=2).reason
    kinds = set(declared.values_list("kind", flat=True))
    assert {"stays", "closed"} <= kinds and ({"none", "platforms"} & kinds)
    assert Stay.objects.filter(accommodation__host=host, exempt_minors__gt=0, accommodation__kind="hotel").exists()
    assert Stay.objects.filter(accommodation__host=host, channel="booking").exists()
    assert Stay.objects.filter(accommodation__host=host, price_per_night__isnull=False, channel="direct").exists()
    assert Stay.objects.filter(accommodation__host=host, arrival__gte=last.start, arrival__lte=last.end).exists()

    # Seeding again the same day changes nothing.
    counts = (Declaration.objects.count(), Stay.objects.count())
    for item in collectivities.values():
        declarations.seed(item)
    assert (Declaration.objects.count(), Stay.objects.count()) == counts


def test_serre_poncon_declares_quarterly(demo):
    collectivities, lasts = demo
    host, rows = rows_of("hote@serreponcon.example", collectivities["serreponcon"].site)

    assert lasts["serreponcon"].months == 3
    assert {row.period.months for row in rows} == {3}
    assert Declaration.objects.filter(accommodation__host=host, period_months=3).exists()
