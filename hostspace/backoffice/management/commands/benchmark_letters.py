"""Measure a batch of activation letters: ``manage.py benchmark_letters --count 800``.

Creates throw-away hosts on the first site inside a transaction that is rolled
back, renders their letters as one PDF, and prints the time. Not a test: run
it on the target machine (the bar is 800 letters in at most 60 s).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from hostspace.backoffice import letters
from hostspace.records.models import Host


class Rollback(Exception):
    pass


def benchmark_hosts(site, count):
    """``count`` hosts of ``site`` with a full postal address, as a batch of letters prints them."""
    return Host.objects.bulk_create(
        [
            Host(
                site=site,
                last_name=f"Benchmark {index:04d}",
                first_name="Camille",
                address_line1=f"{index} route des Écrins",
                address_line2="Hameau des Claux",
                postal_code="05340",
                city="Pelvoux",
            )
            for index in range(count)
        ]
    )


class Command(BaseCommand):
    help = "Time the rendering of a batch of activation letters (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=800)
        parser.add_argument("--hostname", default="", help="Site host name (default: the default site).")
        parser.add_argument("--output", default="", help="Also write the PDF to this file.")
        parser.add_argument("--limit", type=float, default=60.0, help="Fail when slower than this (seconds).")

    def handle(self, count, hostname, output, limit, **options):
        site = (
            Site.objects.filter(hostname=hostname).first()
            if hostname
            else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError("No site: run migrate and seed_demo first.")
        result = {}
        try:
            with transaction.atomic():
                hosts = benchmark_hosts(site, count)
                started = time.perf_counter()
                pdf = letters.batch_pdf(
                    site, hosts, progress=lambda done, total: self.stdout.write(f"  {done}/{total}")
                )
                result["seconds"] = time.perf_counter() - started
                result["size"] = len(pdf)
                if output:
                    with open(output, "wb") as handle:
                        handle.write(pdf)
                raise Rollback
        except Rollback:
            pass
        seconds = result["seconds"]
        self.stdout.write(
            f"{count} letters in {seconds:.1f} s ({count / seconds:.1f} letters/s), PDF {result['size'] / 1e6:.1f} MB"
        )
        if seconds > limit:
            raise CommandError(f"Slower than {limit:.0f} s.")
