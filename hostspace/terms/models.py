"""Versions of a collectivity's CGU and privacy policy, and the proof of their acceptance.

Terms versions belong to one collectivity; an acceptance is proof and is never
changed nor deleted once written.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class TermsVersionQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def in_force(self, today=None):
        """Versions whose date in force has come (the latest per kind is the one in force)."""
        return self.filter(in_force_from__lte=today or timezone.localdate())


class TermsVersion(models.Model):
    """One published version of a collectivity's CGU or privacy policy.

    The French text is the one that binds; ``text_en`` is a courtesy
    translation shown on the English site. A version is a single row (not a
    translatable snippet) so that an acceptance points at exactly one legal text.
    """

    collectivity_field = "site"  # see portal.tenancy

    class Kind(models.TextChoices):
        TERMS = "cgu", _("Conditions générales d'utilisation")
        PRIVACY = "privacy", _("Politique de confidentialité")

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="terms_versions"
    )
    kind = models.CharField(_("document"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("version"), max_length=100, help_text=_("Par exemple « Version 2 – mars 2026 »."))
    text = RichTextField(_("texte"))
    text_en = RichTextField(
        _("traduction anglaise"),
        blank=True,
        help_text=_("Facultative. Affichée sur le site en anglais ; la version française fait foi."),
    )
    in_force_from = models.DateField(
        _("en vigueur à partir du"),
        null=True,
        blank=True,
        help_text=_(
            "À cette date, les hébergeurs devront accepter cette version avant d'accéder à leur espace. "
            "Laissez vide tant que le texte est un projet."
        ),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = TermsVersionQuerySet.as_manager()

    panels = [
        FieldPanel("site", permission="terms.manage_all_collectivities"),
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("in_force_from"),
        FieldPanel("text"),
        FieldPanel("text_en"),
    ]
    search_fields = [index.SearchField("label"), index.FilterField("site"), index.FilterField("kind")]

    class Meta:
        verbose_name = _("version des CGU ou de la politique de confidentialité")
        verbose_name_plural = _("versions des CGU et de la politique de confidentialité")
        ordering = ["site", "kind", "-in_force_from", "-pk"]
        constraints = [models.UniqueConstraint(fields=["site", "kind", "label"], name="terms_label_unique")]
        permissions = [("manage_all_collectivities", _("Gérer les textes de toutes les collectivités"))]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.label}"

    def clean(self):
        super().clean()
        if self.pk and self.acceptances.exists():
            stored = TermsVersion.objects.get(pk=self.pk)
            changed = [
                name
                for name in ("site_id", "kind", "label", "text", "in_force_from")
                if getattr(stored, name) != getattr(self, name)
            ]
            if changed:
                raise ValidationError(
                    _(
                        "Cette version a déjà été acceptée par des hébergeurs : elle ne peut plus être modifiée. "
                        "Publiez une nouvelle version."
                    )
                )

    def text_for_language(self, language_code):
        if language_code and language_code.startswith("en") and self.text_en:
            return self.text_en
        return self.text


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a proof of acceptance."""


class TermsAcceptance(models.Model):
    """Proof that a person accepted one terms version: who, which, when, from where. Append-only."""

    collectivity_field = "version__site"  # see portal.tenancy

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("compte"), on_delete=models.PROTECT, related_name="terms_acceptances"
    )
    version = models.ForeignKey(
        TermsVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="acceptances"
    )
    accepted_at = models.DateTimeField(_("acceptée le"), default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True, editable=False)
    user_agent = models.CharField(_("navigateur"), max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("acceptation des conditions")
        verbose_name_plural = _("acceptations des conditions")
        ordering = ["-accepted_at", "-pk"]
        # One proof per person and version: a double submit of the form must not write two.
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="terms_one_acceptance_per_version")]

    def __str__(self):
        return f"{self.user} – {self.version} – {timezone.localtime(self.accepted_at):%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("A terms acceptance is proof: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A terms acceptance is proof: it cannot be deleted.")
