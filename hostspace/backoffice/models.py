"""What the back-office keeps of its own work: batches of activation letters, as an audit and a progress bar."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterBatch(models.Model):
    """One batch of activation letters asked by an agent: who asked, when, for how many hosts, and its PDF.

    The batch runs in the job queue's worker (``hostspace.backoffice.tasks``);
    this row is its progress, read by the admin page, and stays as the audit of
    who printed which letters. The PDF, which carries live codes, lives in
    private storage and is removed after a few hours.
    """

    collectivity_field = "site"  # see portal.tenancy

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="letter_batches"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host_ids = models.JSONField(_("hébergeurs demandés"), default=list)
    total = models.PositiveIntegerField(_("lettres"), default=0)
    done = models.PositiveIntegerField(_("lettres prêtes"), default=0)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.CharField(_("fichier"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("dernier signe de vie"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot de lettres d'activation")
        verbose_name_plural = _("lots de lettres d'activation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.site} – {self.created_at:%Y-%m-%d %H:%M} ({self.total})"
