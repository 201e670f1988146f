"""The PayFiP client: the envelopes it writes, the answers and faults it reads, the transport errors."""

from decimal import Decimal

import pytest
import requests
from lxml import etree

from hostspace.payments import payfip

REQUEST = payfip.PaymentRequest(
    numcli="123456",
    exer=2026,
    refdet="TS202607ABCDEFGH",
    objet="Taxe de séjour – Pays des Écrins",
    amount=Decimal("19.80"),
    mel="hote@example.com",
    saisie="T",
    urlnotif="https://ecrins.example/paiements/payfip/notification/",
    urlredirect="https://ecrins.example/retour/",
)


class Answer:
    def __init__(self, content, status_code=200):
        self.content = content
        self.status_code = status_code


def test_the_creation_envelope_carries_every_field_in_arg0_with_the_amount_in_cents():
    root = etree.fromstring(payfip.envelope(payfip.CREATE, REQUEST.fields()))
    call = root.find(f"{{{payfip.SOAP_ENV}}}Body/{{{payfip.SERVICE_NS}}}creerPaiementSecurise")
    fields = {child.tag: child.text for child in call.find("arg0")}
    assert fields == {
        "exer": "2026",
        "mel": "hote@example.com",
        "montant": "1980",
        "numcli": "123456",
        "objet": "Taxe de sejour Pays des Ecrins",
        "refdet": "TS202607ABCDEFGH",
        "saisie": "T",
        "urlnotif": "https://ecrins.example/paiements/payfip/notification/",
        "urlredirect": "https://ecrins.example/retour/",
    }


def test_a_request_envelope_reads_back_as_the_service_sees_it():
    operation, fields = payfip.parse_request(payfip.envelope(payfip.DETAIL, {"idOp": "abc-123"}))
    assert (operation, fields) == (payfip.DETAIL, {"idOp": "abc-123"})


def test_create_payment_posts_soap_and_returns_the_idop(monkeypatch):
    sent = {}

    def post(url, data, headers, timeout):
        sent.update(url=url, data=data, headers=headers)
        return Answer(payfip.response_envelope(payfip.CREATE, {"idOp": "4a7c-op"}))

    monkeypatch.setattr(payfip.requests, "post", post)
    assert payfip.create_payment(REQUEST) == "4a7c-op"
    assert sent["headers"]["Content-Type"].startswith("text/xml")
    assert b"creerPaiementSecurise" in sent["data"]


def test_the_detail_is_read_with_its_amount_in_euros(monkeypatch):
    answer = payfip.response_envelope(
        payfip.DETAIL,
        {"idOp": "op", "resultrans": "P", "montant": "1980", "refdet": "TS1", "dattrans": "14072026",
         "heurtrans": "1012", "numauto": "123456"},
    )  # fmt: skip
    monkeypatch.setattr(payfip.requests, "post", lambda *args, **kwargs: Answer(answer))
    detail = payfip.payment_detail("op")
    assert detail.is_paid and detail.amount == Decimal("19.80") and detail.refdet == "TS1"
    assert isinstance(detail.amount, Decimal)


def test_a_fault_raises_with_its_code(monkeypatch):
    fault = payfip.fault_envelope("P5", "Opération en cours")
    monkeypatch.setattr(payfip.requests, "post", lambda *args, **kwargs: Answer(fault, 500))
    with pytest.raises(payfip.PayfipFault) as raised:
        payfip.payment_detail("op")
    assert raised.value.code == "P5"


def test_an_unreachable_service_or_a_non_soap_answer_is_unavailable(monkeypatch):
    def refuse(*args, **kwargs):
        raise requests.ConnectionError("refused")

    monkeypatch.setattr(payfip.requests, "post", refuse)
    with pytest.raises(payfip.PayfipUnavailable):
        payfip.payment_detail("op")
    monkeypatch.setattr(payfip.requests, "post", lambda *args, **kwargs: Answer(b"<html>502</html>", 502))
    with pytest.raises(payfip.PayfipUnavailable):
        payfip.payment_detail("op")


def test_an_entity_in_an_answer_is_not_expanded(monkeypatch):
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b"<r><return><idOp>&e;</idOp></return></r></soap:Body></soap:Envelope>"
    )
    monkeypatch.setattr(payfip.requests, "post", lambda *args, **kwargs: Answer(evil))
    with pytest.raises(payfip.PayfipError):
        payfip.create_payment(REQUEST)


def test_an_invalid_field_never_leaves_the_portal(monkeypatch):
    monkeypatch.setattr(payfip.requests, "post", lambda *args, **kwargs: pytest.fail("sent"))
    with pytest.raises(payfip.rules.InvalidField):
        payfip.create_payment(payfip.PaymentRequest(**{**REQUEST.__dict__, "numcli": "12"}))


def test_the_payment_url_carries_the_idop(settings):
    settings.PAYFIP_PAYMENT_URL = "https://www.payfip.gouv.fr/tpa/paiementws.web"
    assert payfip.payment_url("op-1") == "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=op-1"
