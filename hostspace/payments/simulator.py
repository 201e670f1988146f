"""A local PayFiP simulator, served only where ``PAYFIP_SIMULATOR`` is on (development and test settings).

It speaks PayFiP's protocol so that the portal's client cannot tell: a SOAP
endpoint reading the same envelopes (``creerPaiementSecurise`` checks the
fields as the DGFiP documents them and answers an idOp;
``recupererDetailPaiementSecurise`` answers the result, or the fault P5 while
nothing was paid), then the payer's page, titled as a simulation, where the
tester pays by card or by debit, refuses or abandons. The choice is notified to
``urlnotif`` (server to server) and the browser is sent to ``urlredirect``, as
PayFiP does. Operations live in the cache: nothing of it touches the portal's tables.
"""

import datetime
import logging
import re
import secrets
import uuid
from urllib.parse import urlsplit, urlunsplit

import requests
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hostspace.payments import payfip, rules

logger = logging.getLogger(__name__)

KEY = "payfip-simulator:{}"
LIFETIME = datetime.timedelta(minutes=15)
KEPT = 60 * 60 * 24 * 2  # seconds: results are read again the next day
OBJET = re.compile(r"^[A-Za-z0-9 ]{1,100}$")
CHOICES = {
    "card": payfip.CARD_PAID,
    "debit": payfip.DEBIT_PAID,
    "card_refused": payfip.CARD_REFUSED,
    "debit_refused": payfip.DEBIT_REFUSED,
    "abandon": payfip.ABANDONED,
}


def _soap(content, status=200):
    return HttpResponse(content, status=status, content_type="text/xml; charset=utf-8")


def _fault(code, message):
    return _soap(payfip.fault_envelope(code, message), status=500)


def _checked(fields):
    """The creation fields, or the name of the first one PayFiP would refuse."""
    checks = {
        "numcli": rules.check_numcli,
        "refdet": rules.check_refdet,
        "saisie": rules.check_saisie,
        "mel": rules.check_mel,
    }
    for name, check in checks.items():
        try:
            check(fields.get(name, ""))
        except rules.InvalidField:
            return name
    if not OBJET.match(fields.get("objet", "")):
        return "objet"
    if not fields.get("montant", "").isdigit() or int(fields["montant"]) <= 0:
        return "montant"
    if not fields.get("exer", "").isdigit():
        return "exer"
    for name in ("urlnotif", "urlredirect"):
        if urlsplit(fields.get(name, "")).scheme not in ("http", "https"):
            return name
    return None


@csrf_exempt
@require_POST
def endpoint(request):
    """The SOAP endpoint: ``creerPaiementSecurise`` and ``recupererDetailPaiementSecurise``."""
    try:
        operation, fields = payfip.parse_request(request.body)
    except payfip.PayfipError:
        return _fault("S0", "Requête SOAP illisible")
    if operation == payfip.CREATE:
        wrong = _checked(fields)
        if wrong:
            return _fault("S1", f"Paramètre invalide : {wrong}")
        id_op = str(uuid.uuid4())
        cache.set(
            KEY.format(id_op),
            {**{name: fields[name] for name in payfip.CREATE_FIELDS}, "created": timezone.now(), "result": ""},
            KEPT,
        )
        return _soap(payfip.response_envelope(payfip.CREATE, {"idOp": id_op}))
    if operation == payfip.DETAIL:
        id_op = fields.get("idOp", "")
        found = cache.get(KEY.format(id_op))
        if found is None:
            return _fault("P1", "Opération inconnue")
        if not found["result"]:
            return _fault(payfip.IN_PROGRESS, "Opération en cours ou jamais payée")
        answer = {name: found.get(name, "") for name in payfip.DETAIL_FIELDS if name not in ("idOp", "resultrans")}
        return _soap(payfip.response_envelope(payfip.DETAIL, {**answer, "idOp": id_op, "resultrans": found["result"]}))
    return _fault("S2", f"Opération inconnue : {operation}")


def _notify(url, id_op):
    """POST ``idop`` to the portal's ``urlnotif``; a *.localhost name is reached on 127.0.0.1, as browsers do."""
    parts = urlsplit(url)
    headers = {}
    if parts.hostname and (parts.hostname == "localhost" or parts.hostname.endswith(".localhost")):
        headers["Host"] = parts.netloc
        netloc = f"127.0.0.1:{parts.port}" if parts.port else "127.0.0.1"
        url = urlunsplit(parts._replace(netloc=netloc))
    try:
        requests.post(url, data={"idop": id_op}, headers=headers, timeout=10)
    except requests.RequestException as error:  # PayFiP does not wait either: the portal re-checks later
        logger.warning("Simulator: notification to %s failed: %s", url, error)


@require_http_methods(["GET", "POST"])
def payer(request):
    """The payer's page: the operation, then pay by card or by debit, refuse or abandon."""
    id_op = request.GET.get("idop", "")
    found = cache.get(KEY.format(id_op)) if id_op else None
    if found is None:
        raise Http404
    expired = timezone.now() - found["created"] > LIFETIME
    if request.method == "POST" and not found["result"] and not expired:
        choice = request.POST.get("choix", "")
        if choice not in CHOICES:
            return render(request, "payments/simulator.html", _context(id_op, found, error=True), status=400)
        now = timezone.localtime()
        found.update(
            result=CHOICES[choice],
            dattrans=f"{now:%d%m%Y}",
            heurtrans=f"{now:%H%M}",
            numauto=f"{secrets.randbelow(10**6):06d}" if CHOICES[choice] in payfip.PAID_RESULTS else "",
        )
        cache.set(KEY.format(id_op), found, KEPT)
        _notify(found["urlnotif"], id_op)
        return HttpResponseRedirect(found["urlredirect"])
    return render(request, "payments/simulator.html", _context(id_op, found, expired=expired))


def _context(id_op, found, **extra):
    return {
        "id_op": id_op,
        "operation": found,
        "amount": rules.from_cents(found["montant"]),
        "title": _("Simulateur PayFiP — aucun paiement réel"),
        **extra,
    }
