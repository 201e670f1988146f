"""Activation letters: a branded A4 PDF per host with a fresh code, one at a time or as one batch.

Each letter issues a new code (revoking the previous one). A batch is rendered
as a few large HTML documents (one page per letter) whose pages are joined into
one PDF: WeasyPrint lays out one big document much faster than many small
ones, and the chunks let us report progress. Large batches run in a background
thread; their state lives in the cache so that any process can answer the
progress requests, and the PDF goes to private storage (never a public URL).
"""

import base64
import datetime
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from weasyprint import CSS, HTML

from hostspace.accounts import activation
from hostspace.records.documents import PrivateStorage
from hostspace.records.models import Host
from portal.models import BrandingSettings

logger = logging.getLogger(__name__)

CHUNK_SIZE = 100
STALL_SECONDS = 5 * 60  # a chunk of letters takes seconds: minutes without progress mean the worker died
JOB_TIMEOUT = 60 * 60 * 6
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
    root = site.root_url
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


_STYLESHEET = None


def _stylesheet():
    """The letters' CSS, parsed once per process."""
    global _STYLESHEET
    if _STYLESHEET is None:
        from django.contrib.staticfiles import finders

        _STYLESHEET = CSS(filename=finders.find("backoffice/css/letters.css"))
    return _STYLESHEET


def render_pdf(html):
    """Lay out letters' HTML into a WeasyPrint document (call ``write_pdf()`` on it)."""
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(stylesheets=[_stylesheet()])


def letter_for(host, issued_by=None):
    """Issue a new code to ``host`` and return its letter as PDF bytes."""
    code = activation.issue_code(host, issued_by=issued_by)
    html = render_html(host.site, [(host, code)])
    return render_pdf(html).write_pdf()


def batch_pdf(site, hosts, issued_by=None, progress=None):
    """One PDF of letters for ``hosts`` (new codes for all); ``progress(done, total)`` after each chunk."""
    hosts = list(hosts)
    total = len(hosts)
    codes = activation.issue_codes(hosts, issued_by=issued_by)
    context = letter_context(site)
    documents = []
    done = 0
    for start in range(0, total, CHUNK_SIZE):
        chunk = hosts[start : start + CHUNK_SIZE]
        documents.append(render_pdf(render_html(site, [(host, codes[host.pk]) for host in chunk], context)))
        done += len(chunk)
        if progress:
            progress(done, total)
    if not documents:
        return b""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


# Batches with progress


def _job_key(job_id):
    return f"hostspace:letters:job:{job_id}"


def get_job(job_id):
    """The state of a batch: ``{status, done, total, site_id, user_id, file, error}`` or None.

    A running batch that has not reported progress for ``STALL_SECONDS`` died with
    its process (a restart, a deployment): it is reported as failed, so that the
    agent starts it again instead of watching a bar that never moves.
    """
    try:
        uuid.UUID(str(job_id))
    except ValueError:
        return None
    job = cache.get(_job_key(job_id))
    if job and job["status"] == "running" and time.time() - job.get("heartbeat", 0) > STALL_SECONDS:
        job.update(status="failed", error=True)
        _save_job(job_id, job)
    return job


def _save_job(job_id, job):
    job["heartbeat"] = time.time()
    cache.set(_job_key(job_id), job, timeout=JOB_TIMEOUT)


def purge_old_batches(site_id, older_than=None):
    """Delete the batch PDFs of ``site_id`` older than the job lifetime: they hold live codes."""
    storage = PrivateStorage()
    folder = f"letters/{site_id}"
    limit = timezone.now() - (older_than or datetime.timedelta(seconds=JOB_TIMEOUT))
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


def start_batch(site, host_ids, issued_by=None, background=None):
    """Start a batch of letters for ``host_ids`` of ``site``; return its id (poll :func:`get_job`)."""
    purge_old_batches(site.pk)
    job_id = str(uuid.uuid4())
    host_ids = list(host_ids)
    job = {
        "status": "running",
        "done": 0,
        "total": len(host_ids),
        "site_id": site.pk,
        "user_id": getattr(issued_by, "pk", None),
        "file": "",
        "error": False,
    }
    _save_job(job_id, job)
    if background is None:
        background = getattr(settings, "HOSTSPACE_LETTERS_IN_BACKGROUND", True)
    if background:
        thread = threading.Thread(target=_run_in_thread, args=(job_id, site.pk, host_ids, job["user_id"]), daemon=True)
        thread.start()
    else:
        run_batch(job_id, site.pk, host_ids, job["user_id"])
    return job_id


def _run_in_thread(*args):
    close_old_connections()
    try:
        run_batch(*args)
    finally:
        connection.close()


def run_batch(job_id, site_id, host_ids, user_id=None):
    """Render the batch, reporting progress in the cache, and store the PDF privately."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    job = get_job(job_id) or {}

    def progress(done, total):
        job.update(done=done, total=total)
        _save_job(job_id, job)

    try:
        site = Site.objects.get(pk=site_id)
        # Someone may have activated their account since the batch was asked for: no letter for them.
        hosts = list(hosts_without_account(site).filter(pk__in=host_ids).order_by("last_name", "first_name", "pk"))
        issued_by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        pdf = batch_pdf(site, hosts, issued_by=issued_by, progress=progress)
        name = PrivateStorage().save(f"letters/{site_id}/{job_id}.pdf", ContentFile(pdf))
        job.update(status="done", file=name, done=len(hosts), total=len(hosts))
    except Exception:
        logger.exception("Letter batch %s failed.", job_id)
        job.update(status="failed", error=True)
    _save_job(job_id, job)
    return job


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
