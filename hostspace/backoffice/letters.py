"""Activation letters: a branded A4 PDF per host with a fresh code, one at a time or as one batch.

Each letter issues a new code (revoking the previous one). A batch is rendered
as a few large HTML documents (one page per letter) whose pages are joined into
one PDF: WeasyPrint lays out one big document much faster than many small
ones, and the chunks let us report progress. Batches run in the job queue's
worker (``hostspace.backoffice.tasks``): a :class:`LetterBatch` row holds their
progress and audit, the PDF goes to private storage (never a public URL), and
the new codes are stored in the same transaction as that PDF: a batch that
fails leaves the previous codes in force and no code that no letter carries.
"""

import base64
import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from hostspace.accounts import activation
from hostspace.backoffice.models import LetterBatch
from hostspace.records.documents import PrivateStorage
from hostspace.records.models import Host
from portal import printing
from portal.models import BrandingSettings
from portal.tenancy import base_url

logger = logging.getLogger(__name__)

CHUNK_SIZE = 100
STALL_SECONDS = 5 * 60  # a chunk of letters takes seconds: minutes without progress mean the worker died
PDF_LIFETIME = datetime.timedelta(hours=6)  # the PDF carries live codes: it does not stay around
ACTIVATION_PATH = "/espace-hebergeur/activer/"


def hosts_without_account(site):
    """The hosts of ``site`` who have not activated an account yet: the default batch."""
    return Host.objects.for_site(site).filter(user__isnull=True).order_by("last_name", "first_name", "pk")


def _logo_data_uri(branding):
    """The collectivity's logo inlined once per batch (no file or network access while rendering)."""
    if branding is None or branding.logo_id is None:
        return ""
    try:
        rendition = branding.logo.get_rendition("max-400x200|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except Exception:  # A missing image file must not stop the letters.
        logger.warning("Logo of %s could not be read for the letters.", branding.site_id, exc_info=True)
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def letter_context(site, issued_at=None):
    """What every letter of ``site`` shares: branding, logo, the site's address, dates."""
    branding = BrandingSettings.for_site(site)
    issued_at = issued_at or timezone.now()
    root = base_url(site)
    return {
        "site": site,
        "branding": branding,
        "logo": _logo_data_uri(branding),
        "site_url": root,
        "site_display": root.split("://", 1)[-1],
        "activation_url": root + ACTIVATION_PATH,
        "activation_display": root.split("://", 1)[-1] + ACTIVATION_PATH,
        "issued_on": timezone.localdate(issued_at),
        "expires_on": timezone.localdate(issued_at + activation.validity()),
    }


def render_html(site, letters, context=None):
    """The HTML of letters ``[(host, clear code)]`` of ``site``, one A4 page each, in French (postal mail)."""
    context = context or letter_context(site)
    with translation.override("fr"):
        return render_to_string("backoffice/letters/letters.html", {**context, "letters": letters})


def render_pdf(html):
    """Lay out letters' HTML into a WeasyPrint document (call ``write_pdf()`` on it)."""
    return printing.document(html, "backoffice/css/letters.css")


def letter_for(host, issued_by=None):
    """Issue a new code to ``host`` and return its letter as PDF bytes."""
    code = activation.issue_code(host, issued_by=issued_by)
    html = render_html(host.site, [(host, code)])
    return render_pdf(html).write_pdf()


def render_batch(site, letters_, progress=None):
    """One PDF of ``letters_`` ``[(host, clear code)]``; ``progress(done, total)`` after each chunk."""
    total = len(letters_)
    context = letter_context(site)
    documents = []
    for start in range(0, total, CHUNK_SIZE):
        documents.append(render_pdf(render_html(site, letters_[start : start + CHUNK_SIZE], context)))
        if progress:
            progress(min(start + CHUNK_SIZE, total), total)
    if not documents:
        return b""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def batch_pdf(site, hosts, issued_by=None, progress=None):
    """One PDF of letters for ``hosts`` with new codes, stored once the PDF exists (benchmarks, one-off scripts)."""
    hosts = list(hosts)
    codes = activation.draw_codes(hosts)
    pdf = render_batch(site, [(host, codes[host.pk]) for host in hosts], progress=progress)
    activation.store_codes(codes, issued_by=issued_by)
    return pdf


# Batches, in the job queue


def request_batch(site, host_ids, issued_by=None):
    """Queue a batch of letters for ``host_ids`` of ``site``; return its :class:`LetterBatch` (poll it)."""
    from hostspace.backoffice.tasks import print_letter_batch

    purge_old_batches(site.pk)
    host_ids = list(host_ids)
    batch = LetterBatch.objects.create(site=site, requested_by=issued_by, host_ids=host_ids, total=len(host_ids))
    print_letter_batch.enqueue(str(batch.pk))
    return batch


def state_of(batch):
    """``batch`` as the admin page shows it: a running batch silent for ``STALL_SECONDS`` died with its worker."""
    stalled = timezone.now() - datetime.timedelta(seconds=STALL_SECONDS)
    if batch.status == LetterBatch.Status.RUNNING and (batch.heartbeat_at or batch.created_at) < stalled:
        LetterBatch.objects.filter(pk=batch.pk, status=LetterBatch.Status.RUNNING).update(
            status=LetterBatch.Status.FAILED, finished_at=timezone.now()
        )
        batch.status = LetterBatch.Status.FAILED
    return batch


def purge_old_batches(site_id, older_than=None):
    """Delete the batch PDFs of ``site_id`` older than ``PDF_LIFETIME``: they hold live codes."""
    storage = PrivateStorage()
    folder = f"letters/{site_id}"
    limit = timezone.now() - (older_than or PDF_LIFETIME)
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{folder}/{name}"
        if storage.get_modified_time(path) < limit:
            storage.delete(path)
            removed += 1
    return removed


def _update(batch_id, **fields):
    """Write progress at once (outside any transaction), so that the admin page sees it."""
    LetterBatch.objects.filter(pk=batch_id).update(heartbeat_at=timezone.now(), **fields)


def run_batch(batch_id):
    """Render a queued batch, then store its PDF and its codes together. Idempotent: only a queued batch runs."""
    claimed = LetterBatch.objects.filter(pk=batch_id, status=LetterBatch.Status.QUEUED).update(
        status=LetterBatch.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    batch = LetterBatch.objects.select_related("site", "requested_by").get(pk=batch_id)
    storage = PrivateStorage()
    name = None
    try:
        # Someone may have activated their account since the batch was asked for: no letter for them.
        hosts = list(
            hosts_without_account(batch.site).filter(pk__in=batch.host_ids).order_by("last_name", "first_name", "pk")
        )
        _update(batch_id, total=len(hosts))
        codes = activation.draw_codes(hosts)
        pdf = render_batch(
            batch.site,
            [(host, codes[host.pk]) for host in hosts],
            progress=lambda done, total: _update(batch_id, done=done),
        )
        with transaction.atomic():
            activation.store_codes(codes, issued_by=batch.requested_by)
            name = storage.save(f"letters/{batch.site_id}/{batch_id}.pdf", ContentFile(pdf))
            _update(
                batch_id,
                status=LetterBatch.Status.DONE,
                file=name,
                done=len(hosts),
                total=len(hosts),
                finished_at=timezone.now(),
            )
    except Exception:
        logger.exception("Letter batch %s failed.", batch_id)
        if name:
            storage.delete(name)
        _update(batch_id, status=LetterBatch.Status.FAILED, finished_at=timezone.now())
    return LetterBatch.objects.get(pk=batch_id)


# A copy for the host (« Mes documents »)


def _copy_status(host):
    """``(label, issued_at)`` of the copy of ``host``'s letter: what became of its code, and the letter's date.

    The clear code is never kept, so the copy can only say what happened to it:
    the code that activated the account first, else the latest one sent.
    """

    def day(moment):
        return date_format(timezone.localdate(moment), "d/m/Y")

    code = host.activation_codes.order_by(F("used_at").desc(nulls_last=True), "-created_at", "-pk").first()
    if code is None:
        if host.activated_at:
            return gettext("Compte activé le %(date)s") % {"date": day(host.activated_at)}, host.activated_at
        return gettext("Compte déjà activé"), None
    if code.used_at:
        label = gettext("Code utilisé le %(date)s") % {"date": day(code.used_at)}
    elif code.revoked_at:
        label = gettext("Code remplacé le %(date)s") % {"date": day(code.revoked_at)}
    elif code.expires_at <= timezone.now():
        label = gettext("Code expiré le %(date)s") % {"date": day(code.expires_at)}
    else:
        # Unused but the account is already bound to this record: the code cannot open anything.
        label = gettext("Code désactivé : compte déjà activé")
    return label, code.created_at


def letter_copy_html(host):
    """The HTML of a copy of ``host``'s activation letter: the same letter, with no usable code on it.

    Only the code's hash is stored, so the copy shows what became of the code
    (« Code utilisé le 12/03/2026 », « Code remplacé le … ») instead of a code;
    printing it issues nothing and revokes nothing.
    """
    with translation.override("fr"):
        status, issued_at = _copy_status(host)
        context = {**letter_context(host.site, issued_at), "copy_status": status}
        return render_html(host.site, [(host, None)], context)


def letter_copy_pdf(host):
    """A copy of ``host``'s activation letter as PDF bytes (see :func:`letter_copy_html`)."""
    return render_pdf(letter_copy_html(host)).write_pdf()
