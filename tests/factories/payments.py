"""Payments: a collectivity's régie settings, declared periods ready to pay, and PayFiP routed to the simulator.

``declared(accommodation, start, amount)`` stores a declaration directly (no
stays, no état): payment tests need an amount due, not the engine.
``route_payfip_to_simulator(monkeypatch)`` sends the client's SOAP calls and
the simulator's notifications through Django's test client, so that a whole
PayFiP round trip runs inside one test without a live server (the live-server
tests drive the same simulator over real HTTP).
"""

import datetime
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from hostspace.declarations.models import Declaration
from hostspace.payments import payfip, simulator
from hostspace.payments.models import PaymentSettings

SIMULATOR_ENDPOINT = "/simulateur-payfip/services/securite"


def payment_settings(site, numcli="123456", saisie="T", **values):
    """The régie of ``site``: PayFiP in test mode, an IBAN, cheques to the Trésor public."""
    config = PaymentSettings.for_site(site)
    config.numcli = numcli
    config.saisie = saisie
    config.regie_name = values.get("regie_name", "Régie taxe de séjour")
    config.iban = values.get("iban", "FR7630001007941234567890185")
    config.bic = values.get("bic", "BDFEFRPPCCT")
    config.cheque_address = values.get("cheque_address", "Régie taxe de séjour\n05000 Gap")
    config.save()
    return config


_numbers = iter(range(1, 10**6))


def declared(accommodation, start=datetime.date(2026, 7, 1), amount=Decimal("19.80"), version=1, previous=None):
    """A declaration of ``accommodation`` for the month starting ``start``, owing ``amount``."""
    end = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return Declaration.objects.create(
        accommodation=accommodation,
        period_start=start,
        period_end=end,
        period_months=1,
        due_date=end + datetime.timedelta(days=15),
        number=previous.number if previous else f"{start.year}-{next(_numbers):05d}",
        version=version,
        previous=previous,
        kind=Declaration.Kind.STAYS,
        declared_at=timezone.now(),
        amount_due=amount,
        statement="declarations/test.pdf",
        stays=1,
        nights=3,
        person_nights=6,
        taxable_person_nights=6,
    )


class _Answer:
    def __init__(self, response):
        self.content = response.content
        self.status_code = response.status_code


def route_payfip_to_simulator(monkeypatch, host="testserver"):
    """PayFiP's SOAP calls and the simulator's notifications go through Django's test client."""
    client = Client(HTTP_HOST=host)

    def soap(url, data=None, headers=None, timeout=None):
        return _Answer(client.post(SIMULATOR_ENDPOINT, data=data, content_type="text/xml"))

    def notify(url, data=None, headers=None, timeout=None):
        path = url.split("://", 1)[-1].split("/", 1)[-1]
        return _Answer(client.post(f"/{path}", data=data))

    monkeypatch.setattr(payfip.requests, "post", soap)
    monkeypatch.setattr(simulator, "requests", _Requests(notify))
    return client


class _Requests:
    RequestException = Exception

    def __init__(self, post):
        self.post = post
