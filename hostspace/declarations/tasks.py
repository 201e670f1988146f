"""Declaration jobs, run by the job queue (django-tasks): reminders, one job per collectivity."""

import datetime

from django_tasks import task
from wagtail.models import Site

from hostspace.declarations import reminders


@task()
def send_declaration_reminders(site_id, day):
    """Send the reminders of the collectivity ``site_id`` due on ``day`` (ISO date); running it again sends nothing."""
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return {}
    return reminders.send_reminders(site, datetime.date.fromisoformat(day))
