"""Agents record cheques and transfers (part payments and overpayments shown), follow payments and PayFiP
operations, export them, reverse a mistake; the board gains the amounts paid and remaining."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from hostspace.payments import services
from hostspace.payments.models import Allocation, PayfipOperation, Payment
from portal import roles
from tests.factories import route_payfip_to_simulator, verified_login
from tests.factories.backoffice import staff_of
from tests.payments.conftest import JULY

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 20)


@pytest.fixture
def agent(client_for, collectivity, regie):
    return verified_login(client_for(collectivity), staff_of(collectivity, roles.AGENT))


def record(agent, host, **values):
    data = {
        "method": "cheque",
        "amount": "19,80",
        "received_on": "2026-09-01",
        "reference": "Chèque n° 1234567",
        **values,
    }
    return agent.post(reverse("payments_record") + f"?hebergeur={host.pk}", data)


def test_an_agent_records_a_cheque_for_a_period_and_it_shows_paye(agent, host, july, august):
    response = record(agent, host, declarations=[july.pk])
    assert response.status_code == 302, response.content.decode()[-2000:]
    payment = Payment.objects.get()
    assert (payment.method, payment.amount, payment.reference, payment.anomaly) == (
        "cheque", Decimal("19.80"), "Chèque n° 1234567", "")  # fmt: skip
    july.refresh_from_db()
    august.refresh_from_db()
    assert july.is_paid and not august.is_paid
    listing = agent.get(reverse("payments_list")).content.decode()
    assert payment.number in listing and "Chèque n° 1234567" in listing


def test_a_part_payment_and_an_overpayment_are_recorded_as_received_and_flagged(agent, host, july, august):
    record(agent, host, declarations=[july.pk], amount="10,00")
    part = Payment.objects.get()
    assert "Paiement partiel" in part.anomaly
    july.refresh_from_db()
    assert july.paid_amount == Decimal("10.00") and july.remaining == Decimal("9.80")

    record(agent, host, declarations=[july.pk], amount="20,00", reference="Chèque 2")
    over = Payment.objects.get(reference="Chèque 2")
    assert "Trop-perçu de 10,20" in over.anomaly
    assert sum(over.allocations.values_list("amount", flat=True)) == Decimal("9.80")
    listing = agent.get(reverse("payments_list") + "?anomalie=on").content.decode()
    assert "<strong>10.20 €</strong>" in listing or "<strong>10,20 €</strong>" in listing  # unallocated, shown


def test_a_transfer_matched_to_a_basket_pays_its_periods(agent, host, july, august):
    basket = services.create_basket(host, [july.pk, august.pk], "transfer", user=host.user)
    response = record(agent, host, method="transfer", amount="27,15", basket=basket.pk, reference=basket.reference)
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.basket == basket and payment.anomaly == ""
    assert Allocation.objects.count() == 2


def test_bad_input_is_explained_on_the_same_page_with_the_input_kept(agent, host, july):
    response = record(agent, host, amount="abc", reference="Chèque 99")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Chèque 99" in content
    response = record(agent, host, amount="5,00")
    assert response.status_code == 400 and "Choisissez le panier payé" in response.content.decode()
    response = record(agent, host, declarations=[july.pk], received_on="2999-01-01")
    assert response.status_code == 400 and "futur" in response.content.decode()
    assert not Payment.objects.exists()


def test_payments_are_never_changed_nor_deleted_a_reversal_corrects_them(agent, host, july):
    record(agent, host, declarations=[july.pk])
    payment = Payment.objects.get()
    with pytest.raises(PermissionError):
        payment.save()
    with pytest.raises(PermissionError):
        payment.delete()
    with pytest.raises(PermissionError):
        Payment.objects.update(amount=Decimal("1.00"))
    with pytest.raises(PermissionError):
        Allocation.objects.all().delete()
    with pytest.raises(PermissionError):
        Allocation.objects.get().save()

    response = agent.post(reverse("payments_reverse", args=[payment.pk]), {"reason": "Chèque rejeté par la banque"})
    assert response.status_code == 302
    reversal = Payment.objects.get(method="reversal")
    assert reversal.amount == Decimal("-19.80") and reversal.reverses == payment
    july.refresh_from_db()
    assert july.paid_amount == Decimal("0.00") and not july.is_paid
    again = agent.post(reverse("payments_reverse", args=[payment.pk]), {"reason": "encore"})
    assert again.status_code == 400 and "déjà annulé" in again.content.decode()


def test_the_payments_export_in_csv_and_xlsx(agent, host, july):
    record(agent, host, declarations=[july.pk])
    csv = agent.get(reverse("payments_export", args=["csv"]))
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "19,80" in text and "Chèque n° 1234567" in text
    xlsx = agent.get(reverse("payments_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["F2"].value == Decimal("19.80") or sheet["F2"].value == 19.8
    assert sheet["D1"].value == "Hébergeur"


def test_the_operations_list_shows_status_idop_and_refdet_and_exports(agent, host, july, monkeypatch, collectivity):
    route_payfip_to_simulator(monkeypatch, host=collectivity.hostname)
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = services.start_payfip(basket, urlnotif="http://testserver/n/", urlredirect="http://testserver/r/")
    page = agent.get(reverse("payments_operations")).content.decode()
    assert operation.id_op in page and basket.reference in page and "En cours" in page
    csv = agent.get(reverse("payments_operations_export", args=["csv"]))
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert operation.id_op in text


def test_check_pending_payments_settles_what_the_notification_missed(host, july, monkeypatch, collectivity):
    client = route_payfip_to_simulator(monkeypatch, host=collectivity.hostname)
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = services.start_payfip(basket, urlnotif="http://testserver/lost/", urlredirect="http://testserver/r/")
    client.post(f"/simulateur-payfip/paiement/?idop={operation.id_op}", {"choix": "card"})  # notification lost
    assert PayfipOperation.objects.get().status == "pending"

    call_command("check_pending_payments")

    assert PayfipOperation.objects.get().status == "paid"
    assert Payment.objects.count() == 1
    call_command("check_pending_payments")
    assert Payment.objects.count() == 1


def test_an_operation_never_paid_expires_after_its_15_minutes_and_the_basket_is_payable_again(
    host, july, monkeypatch, collectivity
):
    route_payfip_to_simulator(monkeypatch, host=collectivity.hostname)
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = services.start_payfip(basket, urlnotif="http://testserver/n/", urlredirect="http://testserver/r/")
    assert services.payable(host)[0].in_progress
    later = operation.created_at + datetime.timedelta(minutes=21)
    assert services.check_operation(operation.id_op, now=later).status == "expired"
    assert not services.payable(host, now=later)[0].in_progress


def test_the_board_shows_amounts_paid_and_remaining(agent, host, july, august):
    record(agent, host, declarations=[july.pk], amount="5,00")
    page = agent.get(reverse("declarations_period", args=[JULY.isoformat()])).content.decode()
    assert "Reste à payer" in page and ("14.80 €" in page or "14,80 €" in page)
    csv = agent.get(reverse("declarations_export", args=["csv"]) + f"?periode={JULY.isoformat()}")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "5,00" in text and "14,80" in text


def test_the_payment_listings_stay_within_their_query_budgets(
    agent, host_client, host, july, august, django_assert_max_num_queries
):
    for number in range(8):
        record(agent, host, declarations=[july.pk, august.pk], amount="1,00", reference=f"Chèque {number}")
        basket = services.create_basket(host, [july.pk, august.pk], "cheque", user=host.user)
    agent.get(reverse("payments_list"))  # Wagtail's admin caches its menus on the first request
    for url in (
        reverse("payments_list"),
        reverse("payments_operations"),
        reverse("payments_record") + f"?hebergeur={host.pk}",
    ):
        with django_assert_max_num_queries(30):
            assert agent.get(url).status_code == 200
    basket_page = reverse("hostspace:payment_basket", args=[basket.reference])
    for url in (reverse("hostspace:payments"), reverse("hostspace:documents"), basket_page):
        with django_assert_max_num_queries(20):
            assert host_client.get(url).status_code == 200


def test_verifier_maintenant_settles_the_collectivitys_pending_operations(agent, host, july, monkeypatch, collectivity):
    client = route_payfip_to_simulator(monkeypatch, host=collectivity.hostname)
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = services.start_payfip(basket, urlnotif="http://testserver/lost/", urlredirect="http://testserver/r/")
    client.post(f"/simulateur-payfip/paiement/?idop={operation.id_op}", {"choix": "debit"})
    assert "Vérifier maintenant" in agent.get(reverse("payments_operations")).content.decode()

    response = agent.post(reverse("payments_operations"))

    assert response.status_code == 302
    assert PayfipOperation.objects.get().status == "paid" and Payment.objects.get().method == "debit"


def test_the_host_pages_speak_english_under_en(host_client, july):
    response = host_client.get("/en" + reverse("hostspace:payments"))
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
