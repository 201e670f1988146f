"""Account jobs, run by the job queue's worker (``manage.py db_worker``)."""

from django.utils import translation
from django_tasks import task
from wagtail.models import Site


@task()
def send_password_reset(email, site_id, language, domain=None, use_https=None, reason="asked"):
    """Mail the reset link to ``email`` if it is a host's account on the site (else nothing).

    The request only queues this job, whatever the email: an existing account and
    an unknown one take the same path and the same time (no account enumeration).
    The link is on the collectivity's canonical address (``portal.tenancy.base_url``);
    ``domain`` and ``use_https`` are those of jobs queued by an earlier version, and ignored.
    ``reason`` is ``"failed_logins"`` when throttling suspended the account's password (the email says so).
    """
    from hostspace.accounts.forms import HostPasswordResetForm

    site = Site.objects.filter(pk=site_id).first()
    form = HostPasswordResetForm({"email": email})
    if site is not None and form.is_valid():
        with translation.override(language):
            form.send_links(site, reason=reason)
