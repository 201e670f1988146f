"""The demo, relative to the day it runs: hote@example.com has paid every declared period up to two before
the last (PayFiP card, and one cheque an agent recorded), the period before the last is declared and left to
pay, the last is to declare; both régies are in PayFiP test mode. Seeding again changes nothing."""

import pytest
from django.utils import timezone

from hostspace.declarations import services
from hostspace.declarations.services import Status
from hostspace.payments.models import Payment, PaymentSettings
from hostspace.records.models import Host
from portal.demo import declarations, hostspace, payments, tax
from portal.demo.collectivities import seed_collectivities

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(locales):
    collectivities = {item.key: item for item in seed_collectivities()}
    for step in (hostspace, tax, declarations, payments):
        for item in collectivities.values():
            step.seed(item)
    return collectivities


def test_the_demo_host_has_paid_up_to_two_periods_before_the_last(demo):
    site = demo["ecrins"].site
    host = Host.objects.get(site=site, user__email="hote@example.com")
    rows = services.period_rows(list(host.accommodations.all()), services.rules_for(site), timezone.localdate())
    ended = sorted({row.period for row in rows if row.period.has_ended(timezone.localdate())})
    by_period = {}
    for row in rows:
        by_period.setdefault(row.period, []).append(row)

    assert {row.status for row in by_period[ended[-1]]} <= {Status.TO_DECLARE, Status.LATE}
    before_last = by_period[ended[-2]]
    assert all(row.status == Status.DECLARED for row in before_last)
    assert sum(row.declaration.remaining for row in before_last) > 0
    for period in ended[:-2]:
        for row in by_period[period]:
            assert row.declaration.remaining == 0, (period, row.accommodation)
            assert row.status == (Status.PAID if row.declaration.amount_due > 0 else Status.DECLARED)
    methods = set(Payment.objects.filter(host=host).values_list("method", flat=True))
    assert methods == {"card", "cheque"}
    assert Payment.objects.get(host=host, method="cheque").recorded_by.email == "agent@example.com"

    counts = Payment.objects.count()
    for item in demo.values():
        payments.seed(item)
    assert Payment.objects.count() == counts


def test_both_regies_are_in_payfip_test_mode(demo):
    ecrins = PaymentSettings.for_site(demo["ecrins"].site)
    serreponcon = PaymentSettings.for_site(demo["serreponcon"].site)
    assert (ecrins.numcli, ecrins.saisie) == ("123456", "T")
    assert (serreponcon.numcli, serreponcon.saisie) == ("654321", "T")
    assert ecrins.iban and ecrins.cheque_payee == "Trésor public"
