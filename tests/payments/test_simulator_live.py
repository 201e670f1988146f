"""The PayFiP round trip over real HTTP: the client talks SOAP to the simulator served by a live server, the
payer's page notifies the portal, which asks the simulator again. Only the endpoint setting says where PayFiP is."""

import re
from decimal import Decimal

import pytest
import requests
from django.urls import reverse

from hostspace.payments import payfip, services
from hostspace.payments.models import PayfipOperation, Payment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_payfip(settings, live_server):
    settings.PAYFIP_ENDPOINT = f"{live_server.url}/simulateur-payfip/services/securite"
    settings.PAYFIP_PAYMENT_URL = f"{live_server.url}/simulateur-payfip/paiement/"
    return live_server


def start(basket, live_server):
    return services.start_payfip(
        basket,
        urlnotif=f"{live_server.url}{reverse('payfip_notification')}",
        urlredirect=f"{live_server.url}/retour-du-payeur/",
    )


def choose(live_server, operation, choice):
    session = requests.Session()
    page = session.get(payfip.payment_url(operation.id_op), timeout=10)
    assert page.status_code == 200 and "Simulateur PayFiP — aucun paiement réel" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        payfip.payment_url(operation.id_op),
        data={"csrfmiddlewaretoken": token, "choix": choice},
        allow_redirects=False,
        timeout=20,
    )
    assert answer.status_code == 302
    return answer.headers["Location"]


def test_a_card_payment_round_trip_over_http_records_the_payment(live_payfip, host, july):
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = start(basket, live_payfip)
    assert PayfipOperation.objects.get().status == "pending"

    location = choose(live_payfip, operation, "card")

    assert location.endswith("/retour-du-payeur/")
    payment = Payment.objects.get()  # recorded by the notification, before the payer is back
    assert (payment.method, payment.amount, payment.reference) == ("card", Decimal("19.80"), operation.id_op)
    assert services.check_operation(operation.id_op).status == "paid"


def test_the_simulator_answers_p5_until_the_payer_chooses(live_payfip, host, july):
    basket = services.create_basket(host, [july.pk], "payfip", user=host.user)
    operation = start(basket, live_payfip)
    with pytest.raises(payfip.PayfipFault) as raised:
        payfip.payment_detail(operation.id_op)
    assert raised.value.code == payfip.IN_PROGRESS
    choose(live_payfip, operation, "abandon")
    assert payfip.payment_detail(operation.id_op).resultrans == "A"
    assert PayfipOperation.objects.get().status == "abandoned"


def test_the_simulator_refuses_what_payfip_refuses(live_payfip):
    wrong = payfip.PaymentRequest(
        numcli="123456", exer=2026, refdet="TS1", objet="Taxe", amount=Decimal("1.00"), mel="hote@example.com",
        saisie="T", urlnotif="not a url", urlredirect="https://ecrins.example/",
    )  # fmt: skip
    with pytest.raises(payfip.PayfipFault) as raised:
        payfip.create_payment(wrong)
    assert "urlnotif" in raised.value.message
    with pytest.raises(payfip.PayfipFault) as raised:
        payfip.payment_detail("no-such-operation")
    assert raised.value.code == "P1"
