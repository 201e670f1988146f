"""A host pays declared periods: a basket across accommodations, PayFiP through the simulator, « Payé » only
once PayFiP confirms, receipts in « Mes documents », the avis de paiement; and every fault along the way."""

import logging
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from hostspace.payments import services
from hostspace.payments.models import Basket, PayfipOperation, Payment
from tests.factories import DeclaringAccommodationFactory, HostFactory, declared, route_payfip_to_simulator
from tests.payments.conftest import JULY

pytestmark = pytest.mark.django_db

PAYMENTS = reverse("hostspace:payments")


@pytest.fixture
def simulator(monkeypatch, collectivity):
    return route_payfip_to_simulator(monkeypatch, host=collectivity.hostname)


def make_basket(host_client, *declarations, means="payfip"):
    response = host_client.post(PAYMENTS, {"periode": [d.pk for d in declarations], "moyen": means})
    assert response.status_code == 302, response.content.decode()[:500]
    return Basket.objects.get(reference=response.url.rstrip("/").split("/")[-1])


def pay_on_the_simulator(host_client, basket, choice):
    """« Payer en ligne », then the simulator's page, the choice; return the portal page the payer lands on."""
    response = host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference]))
    assert response.status_code == 302 and "/simulateur-payfip/paiement/?idop=" in response.url
    page = host_client.get(response.url)
    assert "Simulateur PayFiP — aucun paiement réel" in page.content.decode()
    back = host_client.post(response.url, {"choix": choice})
    assert back.status_code == 302
    return host_client.get(back.url, follow=True)


def test_a_host_pays_two_accommodations_periods_in_one_basket_by_card(host_client, july, august, simulator):
    basket = make_basket(host_client, july, august)
    assert basket.total == Decimal("27.15")
    assert host_client.get(reverse("hostspace:payment_basket", args=[basket.reference])).status_code == 200

    page = pay_on_the_simulator(host_client, basket, "card")

    assert "Paiement confirmé par PayFiP" in page.content.decode()
    payment = Payment.objects.get()
    assert (payment.method, payment.amount, payment.anomaly) == ("card", Decimal("27.15"), "")
    assert sorted(payment.allocations.values_list("amount", flat=True)) == [Decimal("7.35"), Decimal("19.80")]
    july.refresh_from_db()
    assert july.is_paid and july.remaining == Decimal("0.00")
    operation = PayfipOperation.objects.get()
    assert operation.status == "paid" and operation.resultrans == "P" and operation.numauto


def test_mes_declarations_shows_paye_only_once_payfip_confirms(host_client, july, simulator):
    home = reverse("hostspace:declarations") + "?annee=2026"
    basket = make_basket(host_client, july)
    host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference]))
    assert not re.search(r'status--paid">Payé', host_client.get(home).content.decode())  # pending: not paid yet

    operation = PayfipOperation.objects.get()
    host_client.post(f"/simulateur-payfip/paiement/?idop={operation.id_op}", {"choix": "debit"})

    assert re.search(r'status--paid">Payé', host_client.get(home).content.decode())
    assert Payment.objects.get().method == "debit"


def test_the_receipt_is_in_mes_documents_and_downloads_as_pdf(host_client, july, simulator):
    pay_on_the_simulator(host_client, make_basket(host_client, july), "card")
    payment = Payment.objects.get()
    documents = host_client.get(reverse("hostspace:documents")).content.decode()
    assert f"Quittance {payment.number} (PDF)" in documents
    response = host_client.get(reverse("hostspace:payment_receipt", args=[payment.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert f"quittance-{payment.number}.pdf" in response["Content-Disposition"]


def test_the_host_downloads_an_avis_de_paiement_for_an_accountant(host_client, july, august):
    basket = make_basket(host_client, july, august, means="transfer")
    page = host_client.get(reverse("hostspace:payment_basket", args=[basket.reference])).content.decode()
    assert "FR76 3000 1007 9412 3456 7890 185" in page and basket.reference in page
    response = host_client.get(reverse("hostspace:payment_request", args=[basket.reference]))
    assert response.content.startswith(b"%PDF") and basket.reference in response["Content-Disposition"]


def test_a_cheque_basket_shows_the_payee_and_the_reference_to_write(host_client, july):
    basket = make_basket(host_client, july, means="cheque")
    page = host_client.get(reverse("hostspace:payment_basket", args=[basket.reference])).content.decode()
    assert "Trésor public" in page and basket.reference in page and "05000 Gap" in page
    assert not Payment.objects.exists()  # nothing is paid until the régie records the cheque


def test_an_abandoned_payment_leaves_the_basket_payable_again(host_client, july, simulator):
    basket = make_basket(host_client, july)
    page = pay_on_the_simulator(host_client, basket, "abandon")
    assert "Paiement abandonné" in page.content.decode()
    assert not Payment.objects.exists()
    assert [item.declaration for item in services.payable(july.accommodation.host)] == [july]

    page = pay_on_the_simulator(host_client, basket, "card")  # the same basket, paid this time
    assert "Paiement confirmé" in page.content.decode()
    assert PayfipOperation.objects.filter(basket=basket).count() == 2


def test_a_refused_card_then_a_debit_pays_the_basket(host_client, july, simulator):
    basket = make_basket(host_client, july)
    assert "Paiement refusé" in pay_on_the_simulator(host_client, basket, "card_refused").content.decode()
    assert not Payment.objects.exists()
    pay_on_the_simulator(host_client, basket, "debit")
    assert Payment.objects.get().method == "debit"


def test_a_double_notification_records_the_payment_once(host_client, july, simulator):
    basket = make_basket(host_client, july)
    pay_on_the_simulator(host_client, basket, "card")
    operation = PayfipOperation.objects.get()
    for _again in range(2):
        response = host_client.post(reverse("payfip_notification"), {"idop": operation.id_op})
        assert response.status_code == 200
    assert Payment.objects.count() == 1
    assert services.check_operation(operation.id_op).payment == Payment.objects.get()


def test_a_notification_for_an_unknown_idop_is_logged_and_ignored(client, caplog, july):
    with caplog.at_level(logging.WARNING, logger="hostspace.payments.services"):
        response = client.post(reverse("payfip_notification"), {"idop": "not-an-operation"})
    assert response.status_code == 200
    assert "unknown idOp" in caplog.text
    assert not Payment.objects.exists() and not PayfipOperation.objects.exists()


def test_the_notification_needs_no_csrf_token_but_the_host_pages_do(collectivity, host, july):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, HTTP_HOST=collectivity.hostname)
    assert strict.post(reverse("payfip_notification"), {"idop": "x"}).status_code == 200
    strict.force_login(host.user)
    assert strict.post(PAYMENTS, {"periode": [july.pk], "moyen": "cheque"}).status_code == 403


def test_an_amount_that_differs_from_the_basket_is_flagged_not_silently_accepted(host_client, july, simulator):
    basket = make_basket(host_client, july)
    host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference]))
    operation = PayfipOperation.objects.get()
    detail = services.payfip.PaymentDetail(
        id_op=operation.id_op, resultrans="P", amount=Decimal("10.00"), refdet=basket.reference
    )
    services.apply_result(operation, detail)

    payment = Payment.objects.get()
    assert payment.amount == Decimal("10.00")
    assert "différent du panier" in payment.anomaly
    assert "différent du panier" in PayfipOperation.objects.get().anomaly
    july.refresh_from_db()
    assert not july.is_paid and july.remaining == Decimal("9.80")  # a part payment, shown as such


def test_a_host_can_never_pay_another_hosts_declaration(host_client, collectivity, july):
    other = HostFactory(with_account=True, site=collectivity.site)
    theirs = declared(DeclaringAccommodationFactory(host=other), JULY)
    response = host_client.post(PAYMENTS, {"periode": [theirs.pk], "moyen": "cheque"})
    assert response.status_code == 400
    assert "pas à payer" in response.content.decode()
    assert not Basket.objects.exists()
    basket = services.create_basket(other, [theirs.pk], "cheque", user=other.user)
    assert host_client.get(reverse("hostspace:payment_basket", args=[basket.reference])).status_code == 404
    assert host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference])).status_code == 404


def test_bad_choices_are_explained_on_the_same_page_with_the_choice_kept(host_client, july):
    response = host_client.post(PAYMENTS, {"periode": [], "moyen": "cheque"})
    assert response.status_code == 400 and "Choisissez au moins une période" in response.content.decode()
    response = host_client.post(PAYMENTS, {"periode": [july.pk, "abc"], "moyen": "cheque"})
    assert response.status_code == 400 and "existe pas" in response.content.decode()
    response = host_client.post(PAYMENTS, {"periode": [july.pk], "moyen": "bitcoin"})
    content = response.content.decode()
    assert response.status_code == 400 and "moyen de paiement" in content
    assert f'value="{july.pk}" checked' in content


def test_a_period_being_paid_online_cannot_go_in_a_second_basket(host_client, july, simulator):
    basket = make_basket(host_client, july)
    host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference]))
    response = host_client.post(PAYMENTS, {"periode": [july.pk], "moyen": "cheque"})
    assert response.status_code == 400 and "Un paiement en ligne est en cours" in response.content.decode()
    assert Basket.objects.count() == 1


def test_payfip_down_is_a_message_not_a_500(host_client, july, monkeypatch):
    import requests

    def down(*args, **kwargs):
        raise requests.ConnectionError("down")

    monkeypatch.setattr(services.payfip.requests, "post", down)
    basket = make_basket(host_client, july)
    response = host_client.post(reverse("hostspace:payment_payfip", args=[basket.reference]), follow=True)
    assert response.status_code == 200 and "ne répond pas" in response.content.decode()
    assert not PayfipOperation.objects.exists()


def test_a_return_posted_by_payfip_is_sent_on_as_a_get_that_asks_payfip(collectivity, host, july, simulator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, HTTP_HOST=collectivity.hostname)
    strict.force_login(host.user)
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = services.start_payfip(basket, urlnotif="http://testserver/lost/", urlredirect="http://testserver/r/")
    simulator.post(f"/simulateur-payfip/paiement/?idop={operation.id_op}", {"choix": "card"})  # notification lost
    back = reverse("hostspace:payment_return", args=[basket.reference])

    response = strict.post(back, {"idop": operation.id_op})
    assert response.status_code == 302 and response.url == back
    assert not Payment.objects.exists()  # the POST itself changes nothing
    assert "Paiement confirmé" in strict.get(back, follow=True).content.decode()
    assert Payment.objects.count() == 1
