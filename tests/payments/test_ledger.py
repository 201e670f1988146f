"""What was paid for a period is counted by accommodation and period, across the versions of its declaration:
a rectifying version that raises the amount leaves the difference to pay, one that lowers it shows the excess."""

from decimal import Decimal

import pytest

from hostspace.declarations import services as declarations
from hostspace.declarations.services import Status
from hostspace.payments import ledger, services
from tests.factories import declared
from tests.payments.conftest import JULY

pytestmark = pytest.mark.django_db


def pay(host, declaration, amount):
    return services.record_payment(
        host=host, method="transfer", amount=Decimal(amount), received_on=declaration.period_end,
        reference="VIR", declarations_=[declaration], user=None,
    )  # fmt: skip


def test_a_rectifying_version_that_raises_the_amount_leaves_the_difference_to_pay(host, hotel, july):
    pay(host, july, "19.80")
    rectified = declared(hotel, JULY, Decimal("29.70"), version=2, previous=july)

    latest = declarations.latest_declarations([hotel])[(hotel.pk, JULY)]
    assert latest == rectified
    assert (latest.paid_amount, latest.remaining, latest.is_paid) == (Decimal("19.80"), Decimal("9.90"), False)
    assert declarations.status_of(latest.period, latest, JULY) == Status.DECLARED
    assert [item.declaration for item in services.payable(host)] == [rectified]


def test_a_rectifying_version_that_lowers_the_amount_shows_an_overpayment(host, hotel, july):
    pay(host, july, "19.80")
    rectified = declared(hotel, JULY, Decimal("9.90"), version=2, previous=july)
    assert rectified.is_paid and rectified.overpaid == Decimal("9.90") and rectified.remaining == Decimal("0.00")
    assert services.payable(host) == []


def test_paid_amounts_of_many_declarations_cost_one_query(host, hotel, meuble, july, august, django_assert_num_queries):
    pay(host, july, "5.00")
    with django_assert_num_queries(1):
        found = ledger.attach_paid_amounts([july, august])
    assert [d.paid_amount for d in found] == [Decimal("5.00"), Decimal("0.00")]


def test_a_payment_is_spread_over_periods_in_order_each_up_to_what_remains(host, july, august):
    payment = pay(host, july, "1.00")  # a part payment first
    assert list(payment.allocations.values_list("amount", flat=True)) == [Decimal("1.00")]
    second = services.record_payment(
        host=host, method="cheque", amount=Decimal("30.00"), received_on=august.period_end, reference="CHQ",
        declarations_=[august, july], user=None,
    )  # fmt: skip
    parts = {a.declaration_id: a.amount for a in second.allocations.all()}
    assert parts == {july.pk: Decimal("18.80"), august.pk: Decimal("7.35")}  # oldest period first
    assert "Trop-perçu de 3,85" in second.anomaly
