"""A small typed client of PayFiP's SOAP web service (DGFiP): create a secured payment, read its result.

Two operations of the service ``PaiementSecuriseService``:

- ``creerPaiementSecurise``: numcli, exer, refdet, objet, montant (cents), mel,
  saisie, urlnotif, urlredirect → an ``idOp``; the payer is then sent to
  ``PAYFIP_PAYMENT_URL?idop=<idOp>``;
- ``recupererDetailPaiementSecurise``: idOp → ``resultrans`` (P card paid,
  V debit paid, A abandoned, R card refused, Z debit refused) with the amount,
  refdet, date, time and authorisation number.

Errors come back as SOAP faults whose detail carries a code (P5: the operation
is in progress or was never paid; P1: unknown after a day…): they raise
:class:`PayfipFault`. A transport problem raises :class:`PayfipUnavailable`.

Why by hand rather than zeep: two operations of flat string fields do not need
a WSDL toolkit; the envelopes are written and read with lxml (entities and
network access off), sent with requests, and every field is checked by
:mod:`hostspace.payments.rules` before it leaves. The endpoint is the setting
``PAYFIP_ENDPOINT`` (the DGFiP's, or the local simulator's in development);
nothing here knows which one answers.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

import requests
from django.conf import settings
from lxml import etree

from hostspace.payments import rules

logger = logging.getLogger(__name__)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
# The service's namespace as the DGFiP's WSDL names it (check it against the WSDL your régie receives).
SERVICE_NS = (
    "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
    "contrat_paiement_securise/PaiementSecuriseService"
)
CREATE = "creerPaiementSecurise"
DETAIL = "recupererDetailPaiementSecurise"
CREATE_FIELDS = ("exer", "mel", "montant", "numcli", "objet", "refdet", "saisie", "urlnotif", "urlredirect")
DETAIL_FIELDS = (
    "dattrans",
    "exer",
    "heurtrans",
    "idOp",
    "mel",
    "montant",
    "numauto",
    "numcli",
    "objet",
    "refdet",
    "resultrans",
    "saisie",
)

# resultrans
CARD_PAID, DEBIT_PAID, ABANDONED, CARD_REFUSED, DEBIT_REFUSED = "P", "V", "A", "R", "Z"
PAID_RESULTS = (CARD_PAID, DEBIT_PAID)
REFUSED_RESULTS = (CARD_REFUSED, DEBIT_REFUSED)
# The fault of an operation still in progress, or never paid (its idOp lives 15 minutes).
IN_PROGRESS = "P5"

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class PayfipError(Exception):
    """Anything that kept PayFiP from answering what was asked."""


class PayfipUnavailable(PayfipError):
    """The service could not be reached or did not answer with SOAP."""


class PayfipFault(PayfipError):
    """A SOAP fault: ``code`` (for example P5) and the service's message."""

    def __init__(self, code, message):
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


@dataclass(frozen=True)
class PaymentRequest:
    """What ``creerPaiementSecurise`` receives; amounts in Decimal euros, converted to cents on the way out."""

    numcli: str
    exer: int
    refdet: str
    objet: str
    amount: Decimal
    mel: str
    saisie: str
    urlnotif: str
    urlredirect: str

    def fields(self):
        """The checked SOAP fields, as strings; raises :class:`rules.InvalidField`."""
        objet = rules.sanitise_objet(self.objet)
        return {
            "exer": str(int(self.exer)),
            "mel": rules.check_mel(self.mel),
            "montant": str(rules.to_cents(self.amount)),
            "numcli": rules.check_numcli(self.numcli),
            "objet": objet,
            "refdet": rules.check_refdet(self.refdet),
            "saisie": rules.check_saisie(self.saisie),
            "urlnotif": self.urlnotif,
            "urlredirect": self.urlredirect,
        }


@dataclass(frozen=True)
class PaymentDetail:
    """What ``recupererDetailPaiementSecurise`` answers about one operation."""

    id_op: str
    resultrans: str
    amount: Decimal | None
    refdet: str = ""
    numcli: str = ""
    exer: str = ""
    mel: str = ""
    objet: str = ""
    saisie: str = ""
    dattrans: str = ""
    heurtrans: str = ""
    numauto: str = ""

    @property
    def is_paid(self):
        return self.resultrans in PAID_RESULTS

    @property
    def is_refused(self):
        return self.resultrans in REFUSED_RESULTS

    @property
    def is_abandoned(self):
        return self.resultrans == ABANDONED


# --- Envelopes -----------------------------------------------------------------------------------------


def _body(nsmap, header=False):
    """A SOAP 1.1 envelope and its body: (envelope, body)."""
    root = etree.Element(etree.QName(SOAP_ENV, "Envelope"), nsmap=nsmap)
    if header:
        etree.SubElement(root, etree.QName(SOAP_ENV, "Header"))
    return root, etree.SubElement(root, etree.QName(SOAP_ENV, "Body"))


def _fields_in(parent, tag, fields):
    """``<tag>`` under ``parent`` with one child element per field."""
    holder = etree.SubElement(parent, tag)
    for name, value in fields.items():
        etree.SubElement(holder, name).text = str(value)


def _bytes(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def envelope(operation, fields):
    """A SOAP 1.1 envelope calling ``operation`` with ``fields`` inside ``arg0``, as bytes."""
    root, body = _body({"soapenv": SOAP_ENV, "pai": SERVICE_NS}, header=True)
    _fields_in(etree.SubElement(body, etree.QName(SERVICE_NS, operation)), "arg0", fields)
    return _bytes(root)


def response_envelope(operation, fields):
    """The service's answer to ``operation``: ``<operationResponse><return>…`` (the simulator writes it)."""
    root, body = _body({"soap": SOAP_ENV, "ns2": SERVICE_NS})
    _fields_in(etree.SubElement(body, etree.QName(SERVICE_NS, f"{operation}Response")), "return", fields)
    return _bytes(root)


def fault_envelope(code, message):
    """A SOAP fault carrying a functional error ``code`` and its message (the simulator writes it)."""
    root, body = _body({"soap": SOAP_ENV, "ns2": SERVICE_NS})
    fault = etree.SubElement(body, etree.QName(SOAP_ENV, "Fault"))
    etree.SubElement(fault, "faultcode").text = "soap:Server"
    etree.SubElement(fault, "faultstring").text = message
    detail = etree.SubElement(etree.SubElement(fault, "detail"), etree.QName(SERVICE_NS, "FonctionnelleErreur"))
    etree.SubElement(detail, "code").text = code
    etree.SubElement(detail, "libelle").text = message
    return _bytes(root)


def _local(element):
    return etree.QName(element).localname


def _children(element):
    """``{local name: text}`` of the element's children."""
    return {_local(child): (child.text or "").strip() for child in element if isinstance(child.tag, str)}


def parse_body(content):
    """The first element inside the SOAP Body of ``content``; raises on a fault or on anything but SOAP."""
    try:
        root = etree.fromstring(content, PARSER)
    except etree.XMLSyntaxError as error:
        raise PayfipUnavailable(f"PayFiP answered something that is not XML: {error}") from error
    body = root.find(f"{{{SOAP_ENV}}}Body")
    if body is None or len(body) == 0:
        raise PayfipUnavailable("PayFiP answered without a SOAP Body.")
    first = body[0]
    if _local(first) == "Fault":
        code, message = "", ""
        for element in first.iter():
            if not isinstance(element.tag, str):
                continue
            name = _local(element)
            if name == "code" and not code:
                code = (element.text or "").strip()
            elif name in ("libelle", "descriptif", "message") and not message or name == "faultstring" and not message:
                message = (element.text or "").strip()
        raise PayfipFault(code or "FAULT", message)
    return first


def parse_request(content):
    """``(operation, {field: value})`` of a request envelope: what the service (or the simulator) reads."""
    call = parse_body(content)
    arg = call.find("arg0")
    return _local(call), (_children(arg) if arg is not None else {})


def parse_create_response(content):
    """The ``idOp`` of a ``creerPaiementSecurise`` answer."""
    result = parse_body(content).find("return")
    id_op = _children(result).get("idOp", "") if result is not None else ""
    if not id_op:
        raise PayfipUnavailable("PayFiP answered without an idOp.")
    return id_op


def parse_detail_response(content):
    """The :class:`PaymentDetail` of a ``recupererDetailPaiementSecurise`` answer."""
    result = parse_body(content).find("return")
    values = _children(result) if result is not None else {}
    if not values.get("resultrans"):
        raise PayfipUnavailable("PayFiP answered without a resultrans.")
    try:
        amount = rules.from_cents(values["montant"]) if values.get("montant") else None
    except rules.InvalidField:
        amount = None
    return PaymentDetail(
        id_op=values.get("idOp", ""),
        resultrans=values["resultrans"],
        amount=amount,
        refdet=values.get("refdet", ""),
        numcli=values.get("numcli", ""),
        exer=values.get("exer", ""),
        mel=values.get("mel", ""),
        objet=values.get("objet", ""),
        saisie=values.get("saisie", ""),
        dattrans=values.get("dattrans", ""),
        heurtrans=values.get("heurtrans", ""),
        numauto=values.get("numauto", ""),
    )


# --- Calls ---------------------------------------------------------------------------------------------


def _post(operation, fields):
    try:
        response = requests.post(
            settings.PAYFIP_ENDPOINT,
            data=envelope(operation, fields),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
            timeout=settings.PAYFIP_TIMEOUT,
        )
    except requests.RequestException as error:
        raise PayfipUnavailable(f"PayFiP could not be reached: {error}") from error
    # A fault comes with HTTP 500: the body says why, so it is parsed whatever the status.
    return response.content


def create_payment(request: PaymentRequest) -> str:
    """Call ``creerPaiementSecurise``; return the operation's ``idOp``."""
    id_op = parse_create_response(_post(CREATE, request.fields()))
    logger.info("PayFiP operation %s created for refdet %s", id_op, request.refdet)
    return id_op


def payment_detail(id_op: str) -> PaymentDetail:
    """Call ``recupererDetailPaiementSecurise`` for ``id_op``."""
    return parse_detail_response(_post(DETAIL, {"idOp": id_op}))


def payment_url(id_op: str) -> str:
    """Where the payer is sent to pay the operation ``id_op``."""
    base = settings.PAYFIP_PAYMENT_URL
    return f"{base}{'&' if '?' in base else '?'}idop={id_op}"
