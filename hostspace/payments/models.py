"""Paying the tax: each collectivity's payment settings, baskets, PayFiP operations, payments and allocations.

- :class:`PaymentSettings` (per site, Wagtail admin): the régie's PayFiP
  contract (numcli, saisie T/X/W) and its bank details for transfers and cheques.
- :class:`Basket` is what a host chose to pay at once (declared periods, across
  accommodations) with its reference (``refdet``) and means; its
  :class:`BasketItem` rows keep each period's amount as it was asked.
- :class:`PayfipOperation` follows one attempt on PayFiP (its ``idOp``): pending,
  then paid, abandoned, refused or expired. A technical record: its state moves
  as PayFiP answers; the money itself is only ever in a :class:`Payment`.
- :class:`Payment` is money received (PayFiP card or debit, a cheque, a
  transfer) or a reversal of one; :class:`Allocation` assigns part of it to a
  declared period. Both are legal records, **append-only**: never changed nor
  deleted; a correction is a new record (a reversal, with negative amounts).

``Declaration.paid_amount`` is the sum of the allocations of its accommodation
and period, across the declaration's versions (:mod:`hostspace.payments.ledger`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from hostspace.declarations.models import Declaration
from hostspace.payments import rules
from hostspace.records.models import Accommodation, Host

ZERO = Decimal("0.00")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk deletes and updates refused: a payment is kept as it was recorded."""

    def delete(self):
        raise PermissionError("Payments are append-only: they are never deleted.")

    def update(self, **kwargs):
        raise PermissionError("Payments are append-only: they are never changed.")


class AppendOnly(models.Model):
    """A row stored once: saving it again or deleting it is refused (a correction is a new row)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"A stored {type(self).__name__} is never changed: record a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"A {type(self).__name__} is never deleted: record a correction.")


class Saisie(models.TextChoices):
    TEST = rules.SAISIE_TEST, _("T – test")
    ACTIVATION = rules.SAISIE_ACTIVATION, _("X – activation")
    PRODUCTION = rules.SAISIE_PRODUCTION, _("W – production")


@register_setting(icon="tag")
class PaymentSettings(BaseSiteSetting):
    """One collectivity's régie: its PayFiP contract and what hosts write on a transfer or a cheque."""

    collectivity_field = "site"  # see portal.tenancy

    numcli = models.CharField(
        _("numéro client PayFiP (numcli)"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(rules.NUMCLI.pattern, _("Six chiffres, tels que fournis par la DGFiP."))],
        help_text=_(
            "Fourni par votre comptable public (DGFiP) après l'adhésion à PayFiP. Vide : pas de paiement en ligne."
        ),
    )
    saisie = models.CharField(
        _("mode PayFiP (saisie)"),
        max_length=1,
        choices=Saisie.choices,
        default=Saisie.TEST,
        help_text=_("T pour tester, X pour l'activation, W en production : voir la documentation d'installation."),
    )
    regie_name = models.CharField(_("nom de la régie"), max_length=200, blank=True)
    iban = models.CharField(
        _("IBAN de la régie"),
        max_length=34,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$", _("IBAN sans espaces, en majuscules."))],
    )
    bic = models.CharField(
        _("BIC"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^[A-Z0-9]{8}([A-Z0-9]{3})?$", _("8 ou 11 caractères, en majuscules."))],
    )
    cheque_payee = models.CharField(_("ordre des chèques"), max_length=200, default="Trésor public")
    cheque_address = models.TextField(_("adresse d'envoi des chèques"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("numcli"), FieldPanel("saisie")], heading=_("Paiement en ligne (PayFiP)")),
        MultiFieldPanel(
            [FieldPanel("regie_name"), FieldPanel("iban"), FieldPanel("bic")], heading=_("Virement bancaire")
        ),
        MultiFieldPanel([FieldPanel("cheque_payee"), FieldPanel("cheque_address")], heading=_("Chèque")),
    ]

    class Meta:
        verbose_name = _("paiements (régie)")

    @property
    def payfip_enabled(self):
        return bool(self.numcli)

    @property
    def iban_display(self):
        """The IBAN in groups of four, as a host copies it."""
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))


class Means(models.TextChoices):
    """How the host chose to pay a basket."""

    PAYFIP = "payfip", _("Carte bancaire ou prélèvement (PayFiP)")
    TRANSFER = "transfer", _("Virement bancaire")
    CHEQUE = "cheque", _("Chèque")


class Basket(AppendOnly):
    """Declared periods a host pays at once, with the reference (``refdet``) every means of payment carries."""

    collectivity_field = "host__site"  # see portal.tenancy

    host = models.ForeignKey(Host, verbose_name=_("hébergeur"), on_delete=models.PROTECT, related_name="baskets")
    reference = models.CharField(_("référence"), max_length=30, unique=True)
    means = models.CharField(_("moyen de paiement"), max_length=10, choices=Means.choices)
    total = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("créé par")
    )

    class Meta:
        verbose_name = _("panier")
        verbose_name_plural = _("paniers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference


class BasketItem(AppendOnly):
    """One declared period in a basket, with the amount that remained to pay when the basket was made."""

    collectivity_field = "basket__host__site"  # see portal.tenancy

    basket = models.ForeignKey(Basket, on_delete=models.PROTECT, related_name="items")
    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="basket_items")
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("période du panier")
        verbose_name_plural = _("périodes du panier")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["basket", "declaration"], name="payments_item_once")]

    def __str__(self):
        return f"{self.basket.reference} – {self.declaration}"


class PayfipOperation(models.Model):
    """One attempt to pay a basket on PayFiP, known by its ``idOp``; its status follows PayFiP's answers."""

    collectivity_field = "basket__host__site"  # see portal.tenancy

    class Status(models.TextChoices):
        PENDING = "pending", _("En cours")
        PAID = "paid", _("Payé")
        ABANDONED = "abandoned", _("Abandonné")
        REFUSED = "refused", _("Refusé")
        EXPIRED = "expired", _("Expiré sans paiement")

    basket = models.ForeignKey(Basket, on_delete=models.PROTECT, related_name="operations")
    id_op = models.CharField(_("idOp"), max_length=64, unique=True)
    numcli = models.CharField(_("numcli"), max_length=6)
    exer = models.PositiveSmallIntegerField(_("exercice"))
    saisie = models.CharField(_("saisie"), max_length=1, choices=Saisie.choices)
    amount = models.DecimalField(_("montant demandé (€)"), max_digits=12, decimal_places=2)
    mel = models.CharField(_("courriel du payeur"), max_length=80)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    resultrans = models.CharField(_("resultrans"), max_length=2, blank=True)
    received_amount = models.DecimalField(_("montant reçu (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    dattrans = models.CharField(_("date de la transaction"), max_length=8, blank=True)
    heurtrans = models.CharField(_("heure de la transaction"), max_length=4, blank=True)
    numauto = models.CharField(_("numéro d'autorisation"), max_length=16, blank=True)
    anomaly = models.TextField(_("anomalie"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    checked_at = models.DateTimeField(_("dernière vérification"), null=True, blank=True)

    class Meta:
        verbose_name = _("opération PayFiP")
        verbose_name_plural = _("opérations PayFiP")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.id_op


class Payment(AppendOnly):
    """Money received for a host's periods (or, negative, the reversal of a payment recorded by mistake)."""

    collectivity_field = "host__site"  # see portal.tenancy

    class Method(models.TextChoices):
        CARD = "card", _("Carte bancaire (PayFiP)")
        DEBIT = "debit", _("Prélèvement (PayFiP)")
        CHEQUE = "cheque", _("Chèque")
        TRANSFER = "transfer", _("Virement")
        REVERSAL = "reversal", _("Annulation d'un paiement")

    host = models.ForeignKey(Host, verbose_name=_("hébergeur"), on_delete=models.PROTECT, related_name="payments")
    basket = models.ForeignKey(
        Basket, verbose_name=_("panier"), null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    # One payment per PayFiP operation, whatever the number of notifications: the database says so.
    operation = models.OneToOneField(
        PayfipOperation, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    method = models.CharField(_("moyen"), max_length=10, choices=Method.choices)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)
    received_on = models.DateField(_("reçu le"))
    reference = models.CharField(
        _("référence"), max_length=100, blank=True, help_text=_("Numéro du chèque, libellé du virement, idOp.")
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("paiement annulé"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
    )
    anomaly = models.TextField(_("anomalie à vérifier"), blank=True)
    note = models.TextField(_("observation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method="reversal", amount__lt=0) | (~Q(method="reversal") & Q(amount__gt=0)),
                name="payments_amount_sign_follows_method",
            )
        ]

    def __str__(self):
        return f"{self.number} – {self.amount} €"

    @property
    def number(self):
        """The receipt's number: « Q-2026-000042 »."""
        return f"Q-{self.received_on:%Y}-{self.pk:06d}" if self.pk else ""


class Allocation(AppendOnly):
    """The part of a payment assigned to one declared period (accommodation and period, whatever the version)."""

    collectivity_field = "payment__host__site"  # see portal.tenancy

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    declaration = models.ForeignKey(
        Declaration, verbose_name=_("déclaration"), on_delete=models.PROTECT, related_name="allocations"
    )
    accommodation = models.ForeignKey(Accommodation, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("début de la période"))
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        ordering = ["pk"]
        indexes = [models.Index(fields=["accommodation", "period_start"])]

    def __str__(self):
        return f"{self.payment_id} → {self.declaration_id}: {self.amount}"
