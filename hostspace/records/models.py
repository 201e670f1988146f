"""What a collectivity knows about its hosts: the host record, accommodations, classifications.

A host record belongs to exactly one collectivity (a Wagtail ``Site``). The
person behind it gets a user account when they activate it with the code of
their letter; one person may hold records in several collectivities.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from hostspace.records import periods
from hostspace.records.documents import PrivateStorage, decision_upload_to

__all__ = ["Host", "Accommodation", "OpeningPeriod", "Classification", "HostQuerySet", "RecordLogEntry"]


class HostQuerySet(models.QuerySet):
    def for_site(self, site):
        """The hosts of one collectivity, and only those."""
        return self.filter(site=site)


class Host(models.Model):
    """A host (hébergeur) registered by a collectivity, with the account that activated it, if any."""

    collectivity_field = "site"  # see portal.tenancy

    class Civility(models.TextChoices):
        MADAME = "mme", _("Madame")
        MONSIEUR = "m", _("Monsieur")
        NONE = "", _("Non précisée")

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="hosts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="host_records",
    )
    reference = models.CharField(
        _("numéro de dossier"), max_length=30, blank=True, help_text=_("Référence interne de la collectivité.")
    )
    civility = models.CharField(_("civilité"), max_length=3, choices=Civility.choices, blank=True)
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100)
    company_name = models.CharField(_("raison sociale"), max_length=200, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    contact_email = models.EmailField(
        _("courriel de contact"),
        blank=True,
        help_text=_("Courriel connu de la collectivité ; le compte peut en utiliser un autre."),
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address_line1 = models.CharField(_("adresse"), max_length=200)
    address_line2 = models.CharField(_("complément d'adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("commune"), max_length=100)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    activated_at = models.DateTimeField(_("activé le"), null=True, blank=True)

    objects = HostQuerySet.as_manager()

    class Meta:
        verbose_name = _("hébergeur")
        verbose_name_plural = _("hébergeurs")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "user"], condition=models.Q(user__isnull=False), name="records_one_record_per_site"
            ),
            models.UniqueConstraint(
                fields=["site", "reference"], condition=~models.Q(reference=""), name="records_reference_per_site"
            ),
        ]
        indexes = [models.Index(fields=["site", "last_name"])]

    def __str__(self):
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return f"{self.company_name} ({name})" if self.company_name else name

    @property
    def phone_display(self):
        """The phone as people read it (04 92 23 00 00), whatever the stored format."""
        from hostspace.records.validators import format_phone

        return format_phone(self.phone) if self.phone else ""

    @property
    def postal_address_lines(self):
        """The address as printed on a letter."""
        lines = [str(self), self.address_line1, self.address_line2, f"{self.postal_code} {self.city}"]
        return [line for line in lines if line.strip()]


class Accommodation(ClusterableModel):
    """A lodging rented out by a host: hotel, furnished rental, campsite…

    Open all year, or during its ``opening_periods`` (:class:`OpeningPeriod`);
    neither means the periods are not known yet (an imported host may not
    know them). A cluster, so that the Wagtail admin edits the periods inline.
    """

    collectivity_field = "host__site"  # see portal.tenancy

    class Kind(models.TextChoices):
        HOTEL = "hotel", _("Hôtel de tourisme")
        RESIDENCE = "residence", _("Résidence de tourisme")
        FURNISHED = "meuble", _("Meublé de tourisme")
        HOLIDAY_VILLAGE = "village", _("Village de vacances")
        GUEST_ROOM = "chambre_hotes", _("Chambre d'hôtes")
        CAMPSITE = "camping", _("Camping")
        CAMPER_AREA = "aire_camping_cars", _("Aire de camping-cars")
        MARINA = "port", _("Port de plaisance")
        HOSTEL = "auberge", _("Auberge collective")
        PALACE = "palace", _("Palace")
        OTHER = "autre", _("Autre hébergement")

    host = models.ForeignKey(Host, verbose_name=_("hébergeur"), on_delete=models.CASCADE, related_name="accommodations")
    name = models.CharField(_("nom de l'hébergement"), max_length=200)
    kind = models.CharField(_("type d'hébergement"), max_length=20, choices=Kind.choices)
    address_line1 = models.CharField(_("adresse"), max_length=200)
    address_line2 = models.CharField(_("complément d'adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10)
    commune = models.CharField(_("commune"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacité d'accueil"), help_text=_("Nombre de personnes."))
    registration_number = models.CharField(
        _("numéro d'enregistrement"),
        max_length=13,
        blank=True,
        help_text=_("Pour les meublés de tourisme : 13 caractères délivrés par la mairie."),
    )
    open_all_year = models.BooleanField(_("ouvert toute l'année"), default=False)
    opening_notes = models.CharField(
        _("précisions sur l'ouverture"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple « fermé le lundi »."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("hébergement")
        verbose_name_plural = _("hébergements")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def opening_summary(self):
        """« Du 15 décembre au 15 avril », « Toute l'année » or « Périodes d'ouverture non renseignées »."""
        return periods.summary(self.open_all_year, list(self.opening_periods.all()))

    def opening_periods_text(self):
        """The periods as the CSV import reads them back: « 15/12-15/04; 01/06-30/09 » or « toute l'année »."""
        return periods.format_compact(self.open_all_year, list(self.opening_periods.all()))

    opening_periods_text.short_description = _("périodes d'ouverture")

    def open_months(self):
        """The months (1 to 12) for which the collectivity expects a declaration."""
        return periods.open_months(self.open_all_year, list(self.opening_periods.all()))

    def current_classification(self):
        """The latest validated classification, from prefetched ``classifications`` when available."""
        validated = [c for c in self.classifications.all() if c.status == Classification.Status.VALIDATED]
        if not validated:
            return None
        return max(validated, key=lambda c: (c.decision_date or datetime.date.min, c.reviewed_at or c.submitted_at))

    def pending_classification(self):
        pending = [c for c in self.classifications.all() if c.status == Classification.Status.PENDING]
        return pending[0] if pending else None


class YearlyPeriod(models.Model):
    """A period of the year from a day and month to another, every year: it may span the new year.

    Abstract: an accommodation's opening periods and a deliberation's
    collection periods share its fields and its check of the dates.
    """

    start_day = models.PositiveSmallIntegerField(_("jour de début"), choices=periods.DAY_CHOICES)
    start_month = models.PositiveSmallIntegerField(_("mois de début"), choices=periods.MONTH_CHOICES)
    end_day = models.PositiveSmallIntegerField(_("jour de fin"), choices=periods.DAY_CHOICES)
    end_month = models.PositiveSmallIntegerField(_("mois de fin"), choices=periods.MONTH_CHOICES)

    class Meta:
        abstract = True
        ordering = ["start_month", "start_day"]

    def __str__(self):
        return periods.format_period(self)

    @classmethod
    def copies_of(cls, found, **parent):
        """Unsaved periods of ``parent`` with the days and months of ``found`` (periods read, or of another record)."""
        return [
            cls(
                start_day=period.start_day,
                start_month=period.start_month,
                end_day=period.end_day,
                end_month=period.end_month,
                **parent,
            )
            for period in found
        ]

    def clean(self):
        """Refuse a date no year has (31 April), by the day that is wrong; 29 February is allowed."""
        errors = {}
        for day_field, month_field in (("start_day", "start_month"), ("end_day", "end_month")):
            day, month = getattr(self, day_field), getattr(self, month_field)
            if day is None or month is None:
                continue
            try:
                periods.check_date(day, month)
            except ValueError as error:
                errors[day_field] = ValidationError(str(error), code="impossible_date")
        if errors:
            raise ValidationError(errors)


class OpeningPeriod(YearlyPeriod):
    """A period of the year when an accommodation is open, every year: it may span the new year."""

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    accommodation = ParentalKey(
        Accommodation, verbose_name=_("hébergement"), on_delete=models.CASCADE, related_name="opening_periods"
    )

    class Meta(YearlyPeriod.Meta):
        verbose_name = _("période d'ouverture")
        verbose_name_plural = _("périodes d'ouverture")


def five_years_after(date):
    """The expiry of a classification decided on ``date``: five years later (28 Feb for 29 Feb)."""
    try:
        return date.replace(year=date.year + 5)
    except ValueError:
        return date.replace(year=date.year + 5, day=28)


class Classification(models.Model):
    """A star rating of an accommodation, requested or decided, kept as history."""

    collectivity_field = "accommodation__host__site"  # see portal.tenancy

    class Rating(models.TextChoices):
        UNRATED = "non_classe", _("Non classé")
        ONE = "1", _("1 étoile")
        TWO = "2", _("2 étoiles")
        THREE = "3", _("3 étoiles")
        FOUR = "4", _("4 étoiles")
        FIVE = "5", _("5 étoiles")
        PALACE = "palace", _("Palace")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de validation")
        VALIDATED = "validated", _("Validé")
        REJECTED = "rejected", _("Refusé")
        WITHDRAWN = "withdrawn", _("Retirée par l'hébergeur")

    accommodation = models.ForeignKey(
        Accommodation, verbose_name=_("hébergement"), on_delete=models.CASCADE, related_name="classifications"
    )
    rating = models.CharField(_("classement"), max_length=12, choices=Rating.choices)
    decision_date = models.DateField(_("date de la décision"), null=True, blank=True)
    expires_on = models.DateField(_("date d'expiration"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examiné par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("examiné le"), null=True, blank=True)
    review_note = models.TextField(_("motif"), blank=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    # Kept in private storage: served only by a permission-checked view, never from /media/.
    decision_document = models.FileField(
        _("décision de classement"),
        storage=PrivateStorage(),
        upload_to=decision_upload_to,
        max_length=255,
        blank=True,
        help_text=_("La décision de classement (PDF, JPEG ou PNG)."),
    )
    decision_document_name = models.CharField(_("nom du fichier"), max_length=255, blank=True)

    EXPIRY_WARNING = datetime.timedelta(days=92)

    class Meta:
        verbose_name = _("classement")
        verbose_name_plural = _("classements")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["accommodation", "status"])]
        constraints = [
            # One request waits per accommodation: the agent decides on one decision at a time, and a
            # double submit cannot queue two (the host withdraws a request to send another).
            models.UniqueConstraint(
                fields=["accommodation"],
                condition=models.Q(status="pending"),
                name="records_one_pending_request_per_accommodation",
            )
        ]

    def __str__(self):
        return f"{self.accommodation.name} : {self.get_rating_display()}"

    def save(self, *args, **kwargs):
        if self.decision_date and not self.expires_on and self.rating != self.Rating.UNRATED:
            self.expires_on = five_years_after(self.decision_date)
        super().save(*args, **kwargs)

    @property
    def host(self):
        return self.accommodation.host

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def review(self, user, validate, note=""):
        """An agent's decision: a validated rating becomes the current one, with its 5-year expiry."""
        from wagtail.log_actions import log

        self.status = self.Status.VALIDATED if validate else self.Status.REJECTED
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.review_note = note
        if validate and self.decision_date and self.rating != self.Rating.UNRATED:
            self.expires_on = five_years_after(self.decision_date)
        self.save()
        action = "hostspace.classification.validate" if validate else "hostspace.classification.reject"
        log(self, action, user=user, data={"note": note})
        log(self.accommodation, action, user=user, data={"rating": self.get_rating_display(), "note": note})
        return self

    def withdraw(self, user):
        """The host takes back their pending request; False when it was decided (or withdrawn) meanwhile.

        A conditional update, so that an agent's decision and the withdrawal cannot both win.
        """
        from wagtail.log_actions import log

        now = timezone.now()
        changed = Classification.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=self.Status.WITHDRAWN, withdrawn_at=now
        )
        if not changed:
            return False
        self.status, self.withdrawn_at = self.Status.WITHDRAWN, now
        data = {"rating": self.get_rating_display()}
        log(self, "hostspace.classification.withdraw", user=user, data=data)
        log(self.accommodation, "hostspace.classification.withdraw", user=user, data=data)
        return True

    def replaced_requests(self):
        """The host's requests for the same accommodation withdrawn since the last decision, before this one.

        The agent is told about them: this request replaces what the host first sent.
        """
        earlier = Classification.objects.filter(
            accommodation_id=self.accommodation_id, submitted_at__lt=self.submitted_at
        )
        last_decision = (
            earlier.filter(status__in=[self.Status.VALIDATED, self.Status.REJECTED])
            .order_by("-submitted_at")
            .values_list("submitted_at", flat=True)
            .first()
        )
        withdrawn = earlier.filter(status=self.Status.WITHDRAWN)
        if last_decision is not None:
            withdrawn = withdrawn.filter(submitted_at__gt=last_decision)
        return withdrawn.order_by("-submitted_at", "-pk")

    def is_expired(self, today=None):
        """True once the five years of a rating are over: the accommodation counts as non classé."""
        today = today or timezone.localdate()
        return bool(self.expires_on) and self.expires_on < today

    def expires_soon(self, today=None):
        """True when a validated rating expires within three months (the host is warned)."""
        today = today or timezone.localdate()
        return bool(self.expires_on) and today <= self.expires_on <= today + self.EXPIRY_WARNING


def record_site_id(instance):
    """The collectivity (Site id) a host record belongs to."""
    if isinstance(instance, Host):
        return instance.site_id
    if isinstance(instance, Accommodation):
        return instance.host.site_id
    if isinstance(instance, OpeningPeriod):
        return instance.accommodation.host.site_id
    if isinstance(instance, Classification):
        return instance.accommodation.host.site_id
    return None


class RecordLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.setdefault("site_id", record_site_id(instance))
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """Wagtail's rule (a permission on the logged model) narrowed to the agent's own collectivity.

        Not ``super().viewable_by_user()``: Wagtail caches the allowed content types on
        the user as ``_allowed_content_type_ids``, computed from the table of whichever
        log model is asked first, and every log model then reuses it. The site history
        report asks the log models in the order of a set (it changes from one process
        to another): asked after ``ModelLogEntry``, our entries were filtered by its
        content types, none of ours, and the report was empty. So these content types
        are computed from our own table and cached under our own name.
        """
        if user.is_superuser and not user.collectivity_id:
            return self.all()
        if not user.collectivity_id:
            return self.none()
        queryset = self.filter(site_id=user.collectivity_id)
        if user.is_superuser:
            return queryset
        return queryset.filter(content_type_id__in=self._content_type_ids_viewable_by(user))

    def _content_type_ids_viewable_by(self, user):
        """Content types of our entries on which ``user`` has any permission (cached for the request's user)."""
        cache_name = "_record_log_content_type_ids"
        if not hasattr(user, cache_name):
            used = self.order_by().values_list("content_type_id", flat=True).distinct()
            permissions = Permission.objects.filter(content_type_id__in=used).select_related("content_type")
            allowed = {
                permission.content_type_id
                for permission in permissions
                if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
            }
            setattr(user, cache_name, allowed)
        return getattr(user, cache_name)


class RecordLogEntry(BaseLogEntry):
    """Wagtail history of host records, tagged with their collectivity.

    Wagtail's generic ``ModelLogEntry`` is shown to anyone with a permission on
    the model, whatever the object: the « Historique du site » report would show
    one collectivity's host names to another's agents. These entries are
    filtered by ``site``.
    """

    collectivity_field = "site"  # see portal.tenancy

    object_id = models.CharField(max_length=255, db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecordLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("entrée d'historique d'un dossier")
        verbose_name_plural = _("historique des dossiers")
