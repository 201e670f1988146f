"""The declaration of nights: the host's stay register, the declarations made from it, reminders, API tokens.

- :class:`Stay` is one line of the *registre du logeur*: the host's working
  register, which they change freely until the periods it touches are declared.
- :class:`Declaration` is what a host (or an agent on their behalf) declared for
  one accommodation and one period: a legal record, **append-only** — once
  stored it is never changed nor deleted; a correction is a new version. Its
  :class:`DeclarationLine` rows snapshot each stay's part in the period with its
  tax and breakdown, so the declaration stays true whatever becomes of the register.
- :class:`Correction` opens a declared period again until the rectifying version is filed.
- :class:`ReminderLog` records each reminder sent, once per accommodation, period and kind.
- :class:`ApiToken` lets a host's booking software push stays through the API.

Periods themselves are not stored: :mod:`hostspace.declarations.periods`
computes them from the deliberation's rhythm.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hostspace.declarations.periods import nights_between
from hostspace.records.documents import PrivateStorage
from hostspace.records.models import Accommodation, Host
from hostspace.tax import engine

ZERO = Decimal("0.00")

# The exempt counts of a stay, one column per reason of L2333-31 (engine.EXEMPTION_CODES).
EXEMPT_FIELDS = {code: f"exempt_{code}" for code in engine.EXEMPTION_CODES}


class Channel(models.TextChoices):
    """Who collected the tax on a stay: the host (« direct », whatever site took the booking) or a platform."""

    DIRECT = "direct", _("Direct (taxe perçue par l'hébergeur)")
    AIRBNB = "airbnb", _("Airbnb")
    BOOKING = "booking", _("Booking.com")
    ABRITEL = "abritel", _("Abritel / Vrbo")
    LEBONCOIN = "leboncoin", _("Leboncoin")
    OTHER_PLATFORM = "other", _("Autre plateforme")


PLATFORM_CHANNELS = [code for code in Channel.values if code != Channel.DIRECT]


class ImmutableQuerySet(models.QuerySet):
    """Bulk deletes and updates refused: a legal record is kept as it was stored."""

    def delete(self):
        raise PermissionError("Declarations are append-only: they are never deleted.")

    def update(self, **kwargs):
        raise PermissionError("Declarations are append-only: they are never changed.")


class SaleFacts:
    """What a stay and its snapshot in a declaration both say: exempt persons, who collected the tax, the channel's name.

    Needs ``exempt`` (``{reason: count}``), ``channel`` and ``platform_name``.
    """

    @property
    def exempt_persons(self):
        return sum(self.exempt.values())

    @property
    def is_platform(self):
        """True when a platform collected the tax on this stay (nothing due from the host)."""
        return self.channel != Channel.DIRECT

    @property
    def channel_display(self):
        if self.channel == Channel.OTHER_PLATFORM and self.platform_name:
            return self.platform_name
        return self.get_channel_display()


class Stay(SaleFacts, models.Model):
    """One stay of the host's register: dates, occupants, exempt persons by reason, price, sales channel.

    ``persons`` counts **all** occupants, exempt ones included (the engine's
    rule); the nights are derived from the dates. The rules every entry point
    applies (form, CSV import, API, agent) are those of
    :class:`hostspace.declarations.forms.StayForm`.
    """

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    class Source(models.TextChoices):
        FORM = "form", _("Saisie de l'hébergeur")
        CSV = "csv", _("Import CSV")
        API = "api", _("API")
        AGENT = "agent", _("Saisie d'un agent")

    accommodation = models.ForeignKey(
        Accommodation, verbose_name=_("hébergement"), on_delete=models.CASCADE, related_name="stays"
    )
    arrival = models.DateField(_("date d'arrivée"))
    departure = models.DateField(_("date de départ"))
    persons = models.PositiveSmallIntegerField(
        _("nombre d'occupants"),
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Toutes les personnes hébergées, exonérées comprises."),
    )
    exempt_minors = models.PositiveSmallIntegerField(_("personnes mineures"), default=0)
    exempt_seasonal_workers = models.PositiveSmallIntegerField(_("saisonniers employés sur le territoire"), default=0)
    exempt_emergency_housing = models.PositiveSmallIntegerField(
        _("hébergement d'urgence ou relogement temporaire"), default=0
    )
    exempt_low_rent = models.PositiveSmallIntegerField(_("loyer inférieur au seuil de la collectivité"), default=0)
    price_per_night = models.DecimalField(
        _("prix de la nuitée hors taxes (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Obligatoire pour un hébergement non classé : le prix de la nuitée pour tout le logement."),
    )
    channel = models.CharField(
        _("canal de vente"),
        max_length=12,
        choices=Channel.choices,
        default=Channel.DIRECT,
        help_text=_(
            "Choisissez une plateforme seulement si elle a perçu la taxe elle-même : ces nuitées sont comptées "
            "mais vous ne devez rien à leur titre."
        ),
    )
    platform_name = models.CharField(
        _("nom de la plateforme"), max_length=100, blank=True, help_text=_("Pour « Autre plateforme ».")
    )
    reference = models.CharField(
        _("référence de réservation"),
        max_length=64,
        blank=True,
        help_text=_("Facultatif : le numéro de la réservation dans votre logiciel. Il évite les doublons d'import."),
    )
    source = models.CharField(_("origine"), max_length=8, choices=Source.choices, default=Source.FORM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("séjour")
        verbose_name_plural = _("séjours")
        ordering = ["arrival", "departure", "pk"]
        indexes = [
            models.Index(fields=["accommodation", "arrival"]),
            models.Index(fields=["accommodation", "departure"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(departure__gt=F("arrival")), name="declarations_stay_dates_in_order"),
            models.CheckConstraint(
                condition=Q(
                    persons__gte=F("exempt_minors")
                    + F("exempt_seasonal_workers")
                    + F("exempt_emergency_housing")
                    + F("exempt_low_rent")
                ),
                name="declarations_stay_exempt_within_persons",
            ),
            models.UniqueConstraint(
                fields=["accommodation", "reference"],
                condition=~Q(reference=""),
                name="declarations_stay_reference_per_accommodation",
            ),
        ]

    def __str__(self):
        return f"{self.accommodation.name} : {self.arrival:%d/%m/%Y} – {self.departure:%d/%m/%Y}"

    @property
    def nights(self):
        """Nights of the whole stay, from its dates."""
        return nights_between(self.arrival, self.departure)

    @property
    def exempt(self):
        """``{reason: count}`` for every reason of L2333-31, as the engine reads it."""
        return {code: getattr(self, name) for code, name in EXEMPT_FIELDS.items()}


class DeclarationSequence(models.Model):
    """The last declaration number given in a collectivity and a year (numbers run 2026-00001, 2026-00002…)."""

    collectivity_field = "site"  # see portal.tenancy

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="declarations_one_sequence_per_year")]

    def __str__(self):
        return f"{self.year}: {self.last}"


def statement_upload_to(instance, filename):
    """Where an état récapitulatif is stored: per collectivity, under a random name."""
    site_id = instance.accommodation.host.site_id
    return f"declarations/{site_id}/{uuid.uuid4().hex}.pdf"


class Declaration(models.Model):
    """One version of what was declared for an accommodation and a period, with its totals and its état.

    Append-only: :meth:`save` refuses to change a stored version and
    :meth:`delete` refuses to delete one. A correction is a new version
    (``version`` + 1, ``previous`` the version it corrects); all versions of a
    declaration share its ``number``. Amounts are ``Decimal`` euros, as the
    engine computed them (one rounding per amount per person per night).
    """

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    class Kind(models.TextChoices):
        STAYS = "stays", _("Séjours du registre")
        NO_NIGHTS = "none", _("Aucune nuitée")
        CLOSED = "closed", _("Fermé sur la période")
        PLATFORMS_ONLY = "platforms", _("Nuitées vendues uniquement par des plateformes")

    accommodation = models.ForeignKey(
        Accommodation, verbose_name=_("hébergement"), on_delete=models.PROTECT, related_name="declarations"
    )
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    period_months = models.PositiveSmallIntegerField(_("durée de la période (mois)"))
    due_date = models.DateField(_("date limite"))
    number = models.CharField(_("numéro"), max_length=20)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("version corrigée"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("motif de la correction"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déclarée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("déclarée le"))
    on_behalf = models.BooleanField(
        _("saisie par un agent pour l'hébergeur"),
        default=False,
        help_text=_("Déclaration papier saisie par la collectivité."),
    )
    stays = models.PositiveIntegerField(_("séjours"), default=0)
    nights = models.PositiveIntegerField(_("nuits"), default=0)
    person_nights = models.PositiveIntegerField(_("nuitées"), default=0)
    exempt_person_nights = models.PositiveIntegerField(_("nuitées exonérées"), default=0)
    taxable_person_nights = models.PositiveIntegerField(
        _("nuitées taxables"), default=0, help_text=_("Hors nuitées perçues par une plateforme.")
    )
    platform_person_nights = models.PositiveIntegerField(_("nuitées perçues par une plateforme"), default=0)
    amount_due = models.DecimalField(_("montant dû (€)"), max_digits=12, decimal_places=2, default=ZERO)
    statement = models.FileField(
        _("état récapitulatif"), storage=PrivateStorage(), upload_to=statement_upload_to, max_length=255
    )

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("déclaration")
        verbose_name_plural = _("déclarations")
        ordering = ["-period_start", "accommodation_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["accommodation", "period_start", "version"], name="declarations_one_version_number"
            ),
            models.UniqueConstraint(fields=["accommodation", "number", "version"], name="declarations_number"),
        ]
        indexes = [models.Index(fields=["accommodation", "period_start"]), models.Index(fields=["period_start"])]

    def __str__(self):
        return f"{self.number} v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A stored declaration is never changed: file a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A declaration is never deleted: file a new version.")

    @property
    def period(self):
        from hostspace.declarations.periods import Period

        return Period(start=self.period_start, end=self.period_end, due=self.due_date, months=self.period_months)

    @property
    def number_display(self):
        """« 2026-00042 » for a first version, « 2026-00042 (version 2) » after."""
        if self.version == 1:
            return self.number
        return gettext("%(number)s (version %(version)s)") % {"number": self.number, "version": self.version}

    # Payments (hostspace.payments) -----------------------------------------------------------------
    # The board, the host's statuses (« Payé ») and the exports read only these three, never a payment
    # table. Listings attach the amounts of all their rows in one query (payments.ledger.attach_paid_amounts).

    @property
    def paid_amount(self):
        """What was paid for this accommodation's period, in euros, across every version of its declaration."""
        if not hasattr(self, "_paid_amount"):
            from hostspace.payments.ledger import paid_for

            self._paid_amount = paid_for(self.accommodation_id, self.period_start)
        # A sum read by SQL may come back as 0 or 9.9: euros have two decimals, whatever the database.
        return Decimal(self._paid_amount).quantize(ZERO)

    @property
    def is_paid(self):
        """True when something was due and has been paid in full."""
        return self.amount_due > 0 and self.paid_amount >= self.amount_due

    @property
    def overpaid(self):
        """What was paid beyond the amount due (a rectifying version that lowered it, a cheque too large)."""
        return max(self.paid_amount - self.amount_due, ZERO)

    @property
    def remaining(self):
        return max(self.amount_due - self.paid_amount, ZERO)


class DeclarationLine(SaleFacts, models.Model):
    """A stay's part in a declared period, as it was declared: dates, occupants, nights, tax and its breakdown.

    A snapshot, never changed: the stay may be corrected or deleted later (in a
    new version), this line still says what the version declared.
    """

    collectivity_field = "declaration__accommodation__host__site"  # see portal.tenancy

    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="lines")
    stay = models.ForeignKey(Stay, null=True, blank=True, on_delete=models.SET_NULL, related_name="lines")
    arrival = models.DateField(_("arrivée"))
    departure = models.DateField(_("départ"))
    first_night = models.DateField(_("première nuit de la période"))
    nights = models.PositiveSmallIntegerField(_("nuits dans la période"))
    persons = models.PositiveSmallIntegerField(_("occupants"))
    exempt = models.JSONField(_("personnes exonérées par motif"), default=dict)
    price_per_night = models.DecimalField(_("prix de la nuitée (€)"), max_digits=9, decimal_places=2, null=True)
    channel = models.CharField(_("canal de vente"), max_length=12, choices=Channel.choices)
    platform_name = models.CharField(_("nom de la plateforme"), max_length=100, blank=True)
    reference = models.CharField(_("référence"), max_length=64, blank=True)
    category = models.CharField(_("catégorie"), max_length=20, choices=engine.CATEGORIES)
    person_nights = models.PositiveIntegerField(_("nuitées"))
    taxable_person_nights = models.PositiveIntegerField(_("nuitées taxables"))
    # Null when the nights fall under two tariffs (a new deliberation, a new rating): see the breakdown.
    amount_per_person_night = models.DecimalField(
        _("montant par nuitée (€)"), max_digits=8, decimal_places=2, null=True
    )
    amount = models.DecimalField(_("taxe (€)"), max_digits=12, decimal_places=2)
    breakdown = models.JSONField(_("détail du calcul"), default=list)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("ligne de déclaration")
        verbose_name_plural = _("lignes de déclaration")
        ordering = ["arrival", "departure", "pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A declaration line is never changed.")
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.arrival:%d/%m/%Y} – {self.departure:%d/%m/%Y}"

    def delete(self, *args, **kwargs):
        raise PermissionError("A declaration line is never deleted.")

    @property
    def exempt_display(self):
        """« 2 mineurs, 1 saisonnier » as the état prints it."""
        labels = {
            engine.MINORS: _("mineur(s)"),
            engine.SEASONAL_WORKERS: _("saisonnier(s)"),
            engine.EMERGENCY_HOUSING: _("hébergement d'urgence"),
            engine.LOW_RENT: _("petit loyer"),
        }
        return ", ".join(f"{count} {labels[code]}" for code, count in self.exempt.items() if count)


class Correction(models.Model):
    """A declared period opened again by the host (or an agent) to file a rectifying version.

    While it is open the period's stays can be changed; filing the new version
    closes it (``declaration``). The previous version stays valid until then.
    """

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    accommodation = models.ForeignKey(Accommodation, on_delete=models.CASCADE, related_name="corrections")
    period_start = models.DateField(_("début de la période"))
    reason = models.TextField(_("motif de la correction"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    declaration = models.OneToOneField(
        Declaration, null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )

    class Meta:
        verbose_name = _("correction en cours")
        verbose_name_plural = _("corrections en cours")
        constraints = [
            models.UniqueConstraint(
                fields=["accommodation", "period_start"],
                condition=Q(declaration__isnull=True),
                name="declarations_one_open_correction",
            )
        ]

    def __str__(self):
        return f"{self.accommodation_id} – {self.period_start:%m/%Y}"


def notice_upload_to(instance, filename):
    site_id = instance.accommodation.host.site_id
    return f"mises-en-demeure/{site_id}/{uuid.uuid4().hex}.pdf"


class ReminderLog(models.Model):
    """A reminder sent for an undeclared period: never twice for the same accommodation, period and kind."""

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    class Kind(models.TextChoices):
        BEFORE_DUE = "before", _("Rappel avant la date limite")
        AFTER_DUE = "after", _("Relance après la date limite")
        FORMAL_NOTICE = "notice", _("Mise en demeure")

    accommodation = models.ForeignKey(Accommodation, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    due_date = models.DateField(_("date limite"))
    kind = models.CharField(_("nature"), max_length=8, choices=Kind.choices)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    sent_to = models.EmailField(_("envoyé à"), blank=True)
    letter = models.FileField(
        _("lettre de mise en demeure"),
        storage=PrivateStorage(),
        upload_to=notice_upload_to,
        max_length=255,
        blank=True,
    )

    class Meta:
        verbose_name = _("relance")
        verbose_name_plural = _("relances")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["accommodation", "period_start", "kind"], name="declarations_one_reminder_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.accommodation.name} – {self.period_start:%m/%Y}"


class ApiToken(models.Model):
    """A host's personal token for the stays API, shown once and stored only as a SHA-256 hash.

    The token is 32 random bytes (256 bits): a plain hash is enough to make a
    stolen table useless, and allows the direct lookup each request needs.
    """

    collectivity_field = "host__site"  # see portal.tenancy

    host = models.ForeignKey(Host, verbose_name=_("hébergeur"), on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField(
        _("nom du jeton"), max_length=100, help_text=_("Par exemple le nom de votre logiciel de réservation.")
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("début du jeton"), max_length=12)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None
