"""The verbs of payments: what a host may pay, make a basket, pay it on PayFiP, learn the result, record a cheque.

- **Payable**: the latest version of each declared period with something left
  to pay. A period in a PayFiP operation still alive (its idOp lives 15 minutes)
  cannot be put in another basket: two payments must not cross.
- **PayFiP**: the notification PayFiP sends is only a trigger; the result is
  always read again with ``recupererDetailPaiementSecurise``, under a row lock,
  and applied once: a second notification finds the operation settled and
  changes nothing (and the database allows one payment per operation). P and V
  record the payment and allocate it to the basket's periods; A, R and Z leave
  the basket payable again. An amount that differs from the basket is recorded
  as received, allocated as far as it goes and flagged for agents.
- **Agents** record cheques and transfers against a basket or periods; a
  mistake is corrected by a reversal, never by changing a payment.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hostspace.declarations import services as declarations
from hostspace.declarations.models import Declaration
from hostspace.payments import ledger, payfip, rules
from hostspace.payments.models import (
    ZERO,
    Allocation,
    Basket,
    BasketItem,
    Means,
    PayfipOperation,
    Payment,
    PaymentSettings,
)

logger = logging.getLogger(__name__)

OPERATION_LIFETIME = datetime.timedelta(minutes=15)
# After its 15 minutes, an operation PayFiP still calls « in progress » was never paid: it expires.
EXPIRY_GRACE = datetime.timedelta(minutes=5)


class PaymentError(Exception):
    """A payment that cannot be made; the message, in the active language, says why and what to do."""


def euros(amount):
    """« 19,80 » in French."""
    return number_format(amount, 2, use_l10n=True)


def settings_for(site):
    return PaymentSettings.for_site(site)


def require_payfip(config):
    """Refuse an online payment where the collectivity has not opened PayFiP (``config``: its settings)."""
    if not config.payfip_enabled:
        raise PaymentError(
            _("Le paiement en ligne n'est pas ouvert par votre collectivité : payez par virement ou par chèque.")
        )


# --- What a host may pay ---------------------------------------------------------------------------


@dataclass
class Payable:
    """A declared period with something left to pay."""

    declaration: Declaration
    in_progress: bool = False

    @property
    def accommodation(self):
        return self.declaration.accommodation


def live_operations(queryset=None, now=None):
    """Pending operations whose idOp may still be paid."""
    now = now or timezone.now()
    queryset = queryset if queryset is not None else PayfipOperation.objects.all()
    return queryset.filter(status=PayfipOperation.Status.PENDING, created_at__gte=now - OPERATION_LIFETIME)


def periods_in_progress(host, now=None):
    """``{(accommodation id, period start)}`` of the host's periods in a live PayFiP operation (one query)."""
    rows = BasketItem.objects.filter(
        basket__in=live_operations(now=now).filter(basket__host=host).values("basket_id")
    ).values_list("declaration__accommodation_id", "declaration__period_start")
    return set(rows)


def payable(host, now=None):
    """The host's declared periods with something left to pay, oldest first, across accommodations."""
    accommodations = list(host.accommodations.all())
    by_pk = {accommodation.pk: accommodation for accommodation in accommodations}
    latest = declarations.latest_declarations(accommodations)
    busy = periods_in_progress(host, now)
    found = []
    for key, declaration in sorted(latest.items(), key=lambda item: (item[0][1], by_pk[item[0][0]].name)):
        if declaration.remaining > 0:
            declaration.accommodation = by_pk[declaration.accommodation_id]
            found.append(Payable(declaration, in_progress=key in busy))
    return found


# --- Baskets ---------------------------------------------------------------------------------------


def _unique_reference(today):
    for _attempt in range(5):
        reference = rules.new_refdet(today)
        if not Basket.objects.filter(reference=reference).exists():
            return reference
    raise PaymentError(_("Le panier n'a pas pu être créé : réessayez."))


@transaction.atomic
def create_basket(host, declaration_ids, means, *, user, now=None):
    """A basket of the host's own declared periods ``declaration_ids``, to pay by ``means``.

    Only the latest version of a period with something left to pay can be
    chosen: another host's declaration, an old version or a paid period is
    refused, and nothing is stored.
    """
    now = now or timezone.now()
    wanted = set()
    for value in declaration_ids:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            raise PaymentError(_("Une des périodes choisies n'existe pas.")) from None
    if not wanted:
        raise PaymentError(_("Choisissez au moins une période à payer."))
    if means not in Means.values:
        raise PaymentError(_("Choisissez un moyen de paiement."))
    config = settings_for(host.site)
    if means == Means.PAYFIP:
        require_payfip(config)
    candidates = {item.declaration.pk: item for item in payable(host, now)}
    if not wanted <= candidates.keys():
        raise PaymentError(_("Une des périodes choisies n'est pas à payer, ou plus : rechargez la page."))
    chosen = [candidates[pk] for pk in candidates if pk in wanted]
    busy = [item for item in chosen if item.in_progress]
    if busy:
        raise PaymentError(
            _("Un paiement en ligne est en cours pour %(period)s : attendez son résultat (15 minutes au plus).")
            % {"period": busy[0].declaration.period.label}
        )
    total = sum((item.declaration.remaining for item in chosen), ZERO)
    basket = Basket.objects.create(
        host=host, reference=_unique_reference(timezone.localdate(now)), means=means, total=total, created_by=user
    )
    BasketItem.objects.bulk_create(
        [BasketItem(basket=basket, declaration=item.declaration, amount=item.declaration.remaining) for item in chosen]
    )
    return basket


def basket_declarations(basket):
    """The declarations of ``basket``'s periods, with their paid amounts (two queries)."""
    items = list(basket.items.select_related("declaration__accommodation"))
    return ledger.attach_paid_amounts(item.declaration for item in items)


@dataclass
class BasketState:
    """What a basket's page says: paid in full, an operation under way, or what is left to pay."""

    basket: Basket
    declarations: list
    live_operation: PayfipOperation | None

    @property
    def remaining(self):
        return sum((declaration.remaining for declaration in self.declarations), ZERO)

    @property
    def is_paid(self):
        return self.remaining <= 0

    @property
    def is_stale(self):
        """Part of it was paid another way since it was made: its total no longer matches."""
        return not self.is_paid and self.remaining != self.basket.total

    @property
    def can_pay_online(self):
        return self.basket.means == Means.PAYFIP and not self.is_paid and not self.is_stale


def state_of(basket, now=None):
    live = live_operations(basket.operations.all(), now).first()
    return BasketState(basket=basket, declarations=basket_declarations(basket), live_operation=live)


# --- PayFiP ----------------------------------------------------------------------------------------


def host_email(host):
    return (host.user.email if host.user_id else "") or host.contact_email


@transaction.atomic
def start_payfip(basket, *, urlnotif, urlredirect, now=None):
    """Create the PayFiP operation of ``basket`` and return it (the live one again after a double click)."""
    now = now or timezone.now()
    basket = Basket.objects.select_for_update(of=("self",)).select_related("host__site", "host__user").get(pk=basket.pk)
    state = state_of(basket, now)
    if state.live_operation is not None:
        return state.live_operation
    if state.is_paid:
        raise PaymentError(_("Ce panier est déjà payé."))
    if state.is_stale:
        raise PaymentError(_("Une partie de ce panier a été payée entre-temps : composez un nouveau panier."))
    config = settings_for(basket.host.site)
    require_payfip(config)
    request = payfip.PaymentRequest(
        numcli=config.numcli,
        exer=timezone.localdate(now).year,
        refdet=basket.reference,
        objet=f"Taxe de sejour {basket.host.site.site_name} {basket.reference}",
        amount=basket.total,
        mel=host_email(basket.host),
        saisie=config.saisie,
        urlnotif=urlnotif,
        urlredirect=urlredirect,
    )
    try:
        id_op = payfip.create_payment(request)
    except rules.InvalidField as error:
        logger.warning("PayFiP request refused before sending for basket %s: %s", basket.reference, error)
        raise PaymentError(
            _(
                "Le paiement en ligne n'est pas possible pour ce panier (adresse électronique ou montant) : payez par virement ou par chèque."
            )
        ) from error
    except payfip.PayfipError as error:
        logger.error("PayFiP did not create an operation for basket %s: %s", basket.reference, error)
        raise PaymentError(
            _(
                "Le service de paiement en ligne ne répond pas : réessayez dans quelques minutes, ou payez par virement ou par chèque."
            )
        ) from error
    fields = request.fields()
    return PayfipOperation.objects.create(
        basket=basket,
        id_op=id_op,
        numcli=fields["numcli"],
        exer=int(fields["exer"]),
        saisie=fields["saisie"],
        amount=basket.total,
        mel=fields["mel"],
    )


def check_operation(id_op, now=None):
    """Ask PayFiP for the result of ``id_op`` and apply it once; return the operation (None when unknown)."""
    now = now or timezone.now()
    operation = PayfipOperation.objects.filter(id_op=str(id_op)[:64]).first()
    if operation is None:
        logger.warning("PayFiP: result asked for an unknown idOp %r, ignored.", id_op)
        return None
    if operation.status != PayfipOperation.Status.PENDING:
        return operation
    try:
        detail = payfip.payment_detail(operation.id_op)
    except payfip.PayfipFault as fault:
        return _still_pending(operation, fault, now)
    except payfip.PayfipUnavailable as error:
        logger.error("PayFiP could not be asked about %s: %s", operation.id_op, error)
        return operation
    return apply_result(operation, detail, now)


def _still_pending(operation, fault, now):
    with transaction.atomic():
        operation = PayfipOperation.objects.select_for_update().get(pk=operation.pk)
        if operation.status != PayfipOperation.Status.PENDING:
            return operation
        operation.checked_at = now
        if now - operation.created_at > OPERATION_LIFETIME + EXPIRY_GRACE:
            # Its idOp is dead and PayFiP never recorded a payment: the basket is payable again.
            operation.status = PayfipOperation.Status.EXPIRED
            operation.anomaly = f"{fault.code}: {fault.message}"[:500]
        operation.save()
        return operation


def _transaction_day(detail, now):
    try:
        return datetime.datetime.strptime(detail.dattrans, "%d%m%Y").date()
    except ValueError:
        return timezone.localdate(now)


@transaction.atomic
def apply_result(operation, detail, now=None):
    """Apply PayFiP's ``detail`` to ``operation`` under a row lock, once; return the operation."""
    now = now or timezone.now()
    operation = (
        PayfipOperation.objects.select_for_update(of=("self",)).select_related("basket__host").get(pk=operation.pk)
    )
    if operation.status != PayfipOperation.Status.PENDING:
        return operation
    operation.checked_at = now
    operation.resultrans = detail.resultrans[:2]
    operation.dattrans, operation.heurtrans, operation.numauto = (
        detail.dattrans[:8],
        detail.heurtrans[:4],
        detail.numauto[:16],
    )
    if detail.is_paid:
        _record_payfip_payment(operation, detail, now)
    elif detail.is_abandoned:
        operation.status = PayfipOperation.Status.ABANDONED
    elif detail.is_refused:
        operation.status = PayfipOperation.Status.REFUSED
    else:
        logger.error("PayFiP answered an unknown resultrans %r for %s", detail.resultrans, operation.id_op)
        operation.anomaly = _("Résultat PayFiP inconnu : %(code)s") % {"code": detail.resultrans}
    operation.save()
    return operation


def _record_payfip_payment(operation, detail, now):
    basket = operation.basket
    anomalies = []
    received = detail.amount
    if received is None:
        anomalies.append(_("PayFiP n'a pas indiqué le montant payé : le montant du panier est retenu."))
        received = operation.amount
    elif received != operation.amount:
        anomalies.append(
            _("Montant payé %(received)s € différent du panier %(expected)s € : à vérifier.")
            % {"received": euros(received), "expected": euros(operation.amount)}
        )
    if detail.refdet and detail.refdet != basket.reference:
        anomalies.append(
            _("Référence %(refdet)s différente du panier %(reference)s : à vérifier.")
            % {"refdet": detail.refdet, "reference": basket.reference}
        )
    anomaly = " ".join(str(text) for text in anomalies)
    if anomaly:
        logger.warning("PayFiP payment %s flagged: %s", operation.id_op, anomaly)
    operation.status = PayfipOperation.Status.PAID
    operation.received_amount = received
    operation.anomaly = anomaly
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                host=basket.host,
                basket=basket,
                operation=operation,
                method=Payment.Method.CARD if detail.resultrans == payfip.CARD_PAID else Payment.Method.DEBIT,
                amount=received,
                received_on=_transaction_day(detail, now),
                reference=operation.id_op,
                anomaly=anomaly,
            )
    except IntegrityError:  # recorded meanwhile by another process: once is enough
        return
    ledger.allocate(payment, basket_declarations(basket))


def check_pending(now=None, site_id=None):
    """Ask PayFiP about every pending operation (of one collectivity, or all); return ``{status: count}``."""
    counts = {}
    pending = PayfipOperation.objects.filter(status=PayfipOperation.Status.PENDING)
    if site_id is not None:
        pending = pending.filter(basket__host__site_id=site_id)
    for id_op in pending.values_list("id_op", flat=True):
        operation = check_operation(id_op, now)
        if operation is not None:
            counts[operation.status] = counts.get(operation.status, 0) + 1
    return counts


# --- Agents: cheques, transfers, reversals --------------------------------------------------------------


@transaction.atomic
def record_payment(*, host, method, amount, received_on, reference, user, declarations_=(), basket=None, note=""):
    """Record a cheque or a transfer received for ``host``, allocated to ``basket``'s periods or ``declarations_``.

    A part payment pays the periods in order as far as it goes; an overpayment
    stays on the payment, unallocated, and both are flagged.
    """
    if method not in (Payment.Method.CHEQUE, Payment.Method.TRANSFER):
        raise PaymentError(_("Seuls les chèques et les virements sont saisis par un agent."))
    if amount is None or amount <= 0:
        raise PaymentError(_("Le montant doit être positif."))
    if basket is not None:
        if basket.host_id != host.pk:
            raise PaymentError(_("Ce panier n'est pas celui de cet hébergeur."))
        targets = basket_declarations(basket)
    else:
        targets = ledger.attach_paid_amounts(
            sorted(declarations_, key=lambda declaration: (declaration.period_start, declaration.accommodation_id))
        )
        if any(declaration.accommodation.host_id != host.pk for declaration in targets):
            raise PaymentError(_("Une des périodes choisies n'est pas de cet hébergeur."))
    if not targets:
        raise PaymentError(_("Choisissez un panier ou au moins une période."))
    due = sum((declaration.remaining for declaration in targets), ZERO)
    anomalies = []
    if amount < due:
        anomalies.append(_("Paiement partiel : %(missing)s € restent à payer.") % {"missing": euros(due - amount)})
    elif amount > due:
        anomalies.append(_("Trop-perçu de %(extra)s € : non affecté.") % {"extra": euros(amount - due)})
    payment = Payment.objects.create(
        host=host,
        basket=basket,
        method=method,
        amount=amount,
        received_on=received_on,
        reference=reference,
        note=note,
        anomaly=" ".join(str(text) for text in anomalies),
        recorded_by=user,
    )
    ledger.allocate(payment, targets)
    return payment


@transaction.atomic
def reverse_payment(payment, *, user, reason):
    """Cancel ``payment`` by a new, negative one that takes back each of its allocations."""
    reason = (reason or "").strip()
    if not reason:
        raise PaymentError(_("Indiquez le motif de l'annulation."))
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.method == Payment.Method.REVERSAL:
        raise PaymentError(_("Une annulation ne s'annule pas : enregistrez un nouveau paiement."))
    if Payment.objects.filter(reverses=payment).exists():
        raise PaymentError(_("Ce paiement est déjà annulé."))
    reversal = Payment.objects.create(
        host_id=payment.host_id,
        basket_id=payment.basket_id,
        method=Payment.Method.REVERSAL,
        amount=-payment.amount,
        received_on=timezone.localdate(),
        reference=payment.number,
        reverses=payment,
        note=reason,
        recorded_by=user,
    )
    Allocation.objects.bulk_create(
        [
            Allocation(
                payment=reversal,
                declaration_id=allocation.declaration_id,
                accommodation_id=allocation.accommodation_id,
                period_start=allocation.period_start,
                amount=-allocation.amount,
            )
            for allocation in payment.allocations.all()
        ]
    )
    return reversal
