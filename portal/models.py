"""The custom user model and the per-collectivity branding settings."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, TranslatableMixin

from hostspace.records.validators import validate_siren
from portal.colours import HEX_COLOUR_VALIDATOR, contrast_ratio, readable_text_colour


class UserManager(BaseUserManager):
    """Creates users identified by their email address, stored in lower case."""

    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with an email address: a host or a collectivity's staff member."""

    username = None
    email = models.EmailField(_("adresse électronique"), max_length=254, unique=True)
    must_reset_password = models.BooleanField(
        _("doit réinitialiser son mot de passe"),
        default=False,
        help_text=_(
            "Compte repris de l'ancienne plateforme (avant le 1er janvier 2019) : connexion refusée jusqu'à la réinitialisation."
        ),
    )

    collectivity = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("collectivité"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("Pour le personnel : la collectivité dont il gère le site. Vide pour les hébergeurs."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [models.UniqueConstraint(Lower("email"), name="portal_user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = User.objects.normalize_email(self.email)
        if self.email and User.objects.filter(email__iexact=self.email).exclude(pk=self.pk).exists():
            raise ValidationError({"email": _("Un compte existe déjà avec cette adresse électronique.")})

    def save(self, *args, **kwargs):
        self.email = User.objects.normalize_email(self.email)
        super().save(*args, **kwargs)


@register_setting(icon="site")
class BrandingSettings(BaseSiteSetting):
    """The look and contact details of one collectivity's site."""

    official_name = models.CharField(
        _("nom officiel"),
        max_length=200,
        help_text=_("Par exemple « Communauté de communes du Pays des Écrins »."),
    )
    short_name = models.CharField(
        _("nom court"), max_length=60, help_text=_("Affiché dans l'en-tête et les titres de page.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#1d4f91",
        validators=[HEX_COLOUR_VALIDATOR],
        help_text=_("Code hexadécimal, par exemple #1d4f91. Fond de l'en-tête et des boutons."),
    )
    accent_colour = models.CharField(
        _("couleur d'accent"),
        max_length=7,
        default="#b3261e",
        validators=[HEX_COLOUR_VALIDATOR],
        help_text=_("Code hexadécimal. Liens et mises en valeur sur fond blanc."),
    )
    support_phone = models.CharField(_("téléphone du service technique"), max_length=30, blank=True)
    support_email = models.EmailField(_("courriel du service technique"), blank=True)
    postal_address = models.TextField(_("adresse postale"), blank=True)
    siren = models.CharField(
        _("SIREN de la collectivité"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_(
            "9 chiffres, sans espace : le numéro de la collectivité qui délibère sur la taxe de séjour. "
            "L'import du fichier national DELTA y retrouve sa délibération."
        ),
    )

    identity_panels = [FieldPanel("official_name"), FieldPanel("short_name"), FieldPanel("siren"), FieldPanel("logo")]
    colour_panels = [
        MultiFieldPanel(
            [FieldPanel("primary_colour"), FieldPanel("accent_colour")],
            heading=_("Couleurs"),
            help_text=_(
                "Les couleurs doivent rester lisibles (contraste AA du RGAA) : une couleur trop claire est refusée."
            ),
        )
    ]
    contact_panels = [
        FieldPanel("support_phone"),
        FieldPanel("support_email"),
        HelpPanel(
            content=_(
                "Les horaires du service technique se saisissent dans « Horaires du service technique », "
                "et se traduisent comme les pages."
            )
        ),
        FieldPanel("postal_address"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identité")),
            ObjectList(colour_panels, heading=_("Couleurs")),
            ObjectList(contact_panels, heading=_("Service technique")),
        ]
    )

    class Meta:
        verbose_name = _("identité de la collectivité")
        verbose_name_plural = _("identités des collectivités")

    def __str__(self):
        return self.short_name or self.official_name

    # White text is drawn on the primary colour; the accent colour is drawn on white.
    MIN_CONTRAST = 4.5

    def clean(self):
        super().clean()
        errors = {}
        for field, message in (
            (
                "primary_colour",
                _(
                    "Le texte blanc sur cette couleur n'est pas assez contrasté (%(ratio).1f:1, il faut au moins 4,5:1). Choisissez une couleur plus foncée."
                ),
            ),
            (
                "accent_colour",
                _(
                    "Cette couleur n'est pas assez contrastée sur fond blanc (%(ratio).1f:1, il faut au moins 4,5:1). Choisissez une couleur plus foncée."
                ),
            ),
        ):
            value = getattr(self, field)
            try:
                HEX_COLOUR_VALIDATOR(value)
            except ValidationError:
                continue
            ratio = contrast_ratio(value, "#ffffff")
            if ratio < self.MIN_CONTRAST:
                errors[field] = ValidationError(message, params={"ratio": ratio})
        if errors:
            raise ValidationError(errors)

    @property
    def hours(self):
        """The technical service's opening hours in the active language (French when not translated).

        The footer of every page shows them: the cached navigation carries them with the branding
        (:meth:`keep_support_hours`), anything else reads the cache (:func:`_support_hours_texts`).
        """
        texts = self.__dict__.get("_support_hours_texts")
        return _in_language(texts if texts is not None else _support_hours_texts(self.site_id))

    def keep_support_hours(self):
        """Read the hours in every language now, so that this row, cached with the navigation, needs no lookup."""
        self._support_hours_texts = _support_hours_texts(self.site_id)
        return self

    @property
    def text_on_primary(self):
        return readable_text_colour(self.primary_colour)


class SupportHours(TranslatableMixin, models.Model):
    """The technical service's opening hours of one collectivity, in one language.

    Editors translate these words like the pages: a translatable snippet (one
    row per collectivity and language, translated with wagtail-localize), not a
    column per language on the branding settings. Read with :func:`support_hours_of`.
    """

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), on_delete=models.CASCADE, related_name="+"
    )
    hours = models.CharField(
        _("horaires du service technique"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h »."),
    )

    collectivity_field = "site"  # see portal.tenancy
    panels = [FieldPanel("hours")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("horaires du service technique")
        verbose_name_plural = _("horaires du service technique")
        constraints = [
            models.UniqueConstraint(fields=["site", "locale"], name="portal_supporthours_one_per_site_and_language")
        ]

    def __str__(self):
        return f"{self.site.site_name or self.site.hostname} ({self.locale.language_code})"


def support_hours_of(site, language=None):
    """The opening hours of ``site`` in ``language`` (the active one), else in French, else empty."""
    if site is None:
        return ""
    return _in_language(_support_hours_texts(site.pk), language)


def _support_hours_key(site_id):
    return f"portal:support-hours:{site_id}"


def _support_hours_texts(site_id):
    """``{language: hours}`` of one collectivity, cached until a row of it changes (``_forget_support_hours``)."""
    texts = cache.get(_support_hours_key(site_id))
    if texts is None:
        texts = dict(SupportHours.objects.filter(site_id=site_id).values_list("locale__language_code", "hours"))
        cache.set(_support_hours_key(site_id), texts, SUPPORT_HOURS_CACHE_SECONDS)
    return texts


SUPPORT_HOURS_CACHE_SECONDS = 60 * 60 * 24


@receiver([post_save, post_delete], sender=SupportHours)
def _forget_support_hours(sender, instance, **kwargs):
    cache.delete(_support_hours_key(instance.site_id))


def _in_language(texts, language=None):
    """``texts[language]`` (the active language by default), else the French text, else empty."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or ""


def set_support_hours(site, french, english=None):
    """Write the technical service's hours of ``site`` in French and, if given, their English translation.

    The two rows share one ``translation_key``: wagtail-localize then sees one
    text and its translation (``portal.models.SupportHours``).
    """
    french_locale, english_locale = (Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en"))
    source, _created = SupportHours.objects.update_or_create(
        site=site, locale=french_locale, defaults={"hours": french}
    )
    if english is not None:
        SupportHours.objects.update_or_create(
            site=site, locale=english_locale, defaults={"hours": english, "translation_key": source.translation_key}
        )
    return source
