"""Queue today's declaration reminders of every collectivity (or one): run it daily from cron or a systemd timer."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from hostspace.declarations.tasks import send_declaration_reminders
from hostspace.tax.models import Deliberation


class Command(BaseCommand):
    help = (
        "Met en file les relances de déclaration du jour (avant et après la date limite, mises en demeure) "
        "de chaque collectivité. Une relance n'est jamais envoyée deux fois."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", help="Nom d'hôte d'une seule collectivité.")
        parser.add_argument("--date", help="Jour de référence AAAA-MM-JJ (aujourd'hui par défaut).")

    def handle(self, *args, **options):
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Date invalide : {options['date']}") from error
        sites = Site.objects.filter(pk__in=Deliberation.objects.values("site_id"))
        if options["site"]:
            sites = sites.filter(hostname=options["site"])
            if not sites.exists():
                raise CommandError(f"Aucune collectivité n'est servie à {options['site']}.")
        for site in sites.order_by("pk"):
            result = send_declaration_reminders.enqueue(site.pk, day.isoformat())
            self.stdout.write(f"{site.hostname}: {result.status}")
