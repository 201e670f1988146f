"""Activation codes sent by post; only an HMAC of their normalised value is stored
(see ``hostspace.accounts.activation``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivationCodeQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Codes neither used, revoked nor expired."""
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class ActivationCode(models.Model):
    """A single-use code printed on a host's activation letter; only its keyed hash is kept."""

    collectivity_field = "host__site"  # see portal.tenancy

    host = models.ForeignKey(
        "records.Host", verbose_name=_("hébergeur"), on_delete=models.CASCADE, related_name="activation_codes"
    )
    code_hash = models.CharField(_("empreinte du code"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("émis le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("émis par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActivationCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("code d'activation")
        verbose_name_plural = _("codes d'activation")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["host", "used_at", "revoked_at"])]

    def __str__(self):
        return _("Code d'activation de %(host)s (émis le %(date)s)") % {
            "host": self.host,
            "date": timezone.localtime(self.created_at).strftime("%d/%m/%Y"),
        }

    def is_usable(self, now=None):
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now
