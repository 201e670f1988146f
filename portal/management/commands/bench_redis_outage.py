"""``make bench-redis-outage``: Redis stopped for 20 seconds under load, and what visitors got meanwhile.

A private ``redis-server`` (port 6390 by default, never the shared one) serves
a gunicorn with the benchmark's settings. Threads visit the home page, the news
index, an article, the login page, log in (a real POST with its CSRF token) and
open the dashboard, then add a stay to the register (a real form POST), for
``--before`` seconds, then Redis is shut down for ``--down`` seconds, then
started again for ``--after`` seconds. The command prints, for each phase and
page, the answers by status and the p50/p99 latency, and fails if anything but
200 (302 for the POSTs) was answered, or if a stay whose POST was acknowledged
is missing from the database afterwards.
"""

import collections
import contextlib
import datetime
import http.client
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.management.commands.bench import Command as Bench

HOST_EMAIL = "hote@example.com"
HOST_PASSWORD = "Demo-hote-2026!"  # noqa: S105 (the demo's published password)
LOGIN = "/espace-hebergeur/"
DASHBOARD = "/espace-hebergeur/tableau-de-bord/"
POSTS = ("login POST", "stay POST")


def cookies_of(headers):
    """``{name: value}`` of the cookies a response sets."""
    pairs = (value.split(";")[0].split("=", 1) for name, value in headers if name.lower() == "set-cookie")
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def csrf_token_in(body):
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body or b"")
    return token.group(1).decode() if token else None


class Visitor(threading.Thread):
    """Visits ``pages`` in turn until stopped, recording (phase, page, status, milliseconds)."""

    def __init__(self, port, pages, clock, results, login=False, stay_url=None):
        super().__init__(daemon=True)
        self.port, self.pages, self.clock, self.results, self.login = port, pages, clock, results, login
        self.stay_url = stay_url
        self.stop = threading.Event()
        self.acknowledged = []  # the references of the stays whose POST was answered « saved » (302)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def timed(self, name, method, path, **kwargs):
        start = time.monotonic()
        try:
            status, headers, body = self.request(method, path, **kwargs)
        except OSError:
            status, headers, body = "error", [], b""
        self.results.append((self.clock(), name, status, (time.monotonic() - start) * 1000))
        return status, headers, body

    def post(self, name, path, fields, jar):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{key}={value}" for key, value in jar.items()),
        }
        status, headers, _body = self.timed(name, "POST", path, body=urllib.parse.urlencode(fields), headers=headers)
        jar.update(cookies_of(headers))
        return status

    def log_in(self):
        """Log in as the demo host; the cookies of the session, or None."""
        status, headers, body = self.timed("login page", "GET", LOGIN)
        jar, token = cookies_of(headers), csrf_token_in(body)
        if not token:
            return None
        fields = {
            "csrfmiddlewaretoken": token,
            "host_login_view-current_step": "auth",
            "auth-username": HOST_EMAIL,
            "auth-password": HOST_PASSWORD,
        }
        return jar if self.post("login POST", LOGIN, fields, jar) == 302 and "sessionid" in jar else None

    def add_stay(self, jar):
        """Add one stay, with a reference of its own, to the register; remember it if the portal said it saved it."""
        cookie = "; ".join(f"{key}={value}" for key, value in jar.items())
        status, headers, body = self.timed("stay form", "GET", self.stay_url, headers={"Cookie": cookie})
        jar.update(cookies_of(headers))
        token = csrf_token_in(body)
        if status != 200 or not token:
            return
        first_day = timezone.localdate().replace(day=1)
        reference = f"panne-redis-{uuid.uuid4().hex[:12]}"
        fields = {
            "csrfmiddlewaretoken": token,
            "arrival": first_day.isoformat(),
            "departure": (first_day + datetime.timedelta(days=1)).isoformat(),
            "persons": "2",
            "price_per_night": "80",
            "channel": "direct",
            "reference": reference,
        }
        if self.post("stay POST", self.stay_url, fields, jar) == 302:
            self.acknowledged.append(reference)

    def run(self):
        while not self.stop.is_set():
            if self.login:
                jar = self.log_in()
                if jar:
                    cookie = "; ".join(f"{key}={value}" for key, value in jar.items())
                    self.timed("dashboard", "GET", DASHBOARD, headers={"Cookie": cookie})
                    if self.stay_url:
                        self.add_stay(jar)
                continue
            for name, path in self.pages:
                self.timed(name, "GET", path)


def stay_url():
    """The form that adds a stay to the demo host's first accommodation."""
    from django.urls import reverse

    from hostspace.records.models import Accommodation

    accommodation = Accommodation.objects.filter(host__user__email=HOST_EMAIL).order_by("pk").first()
    if accommodation is None:
        raise CommandError(f"Pas d'hébergement pour {HOST_EMAIL} : chargez la démonstration (seed_demo).")
    return reverse("hostspace:stay_add", args=[accommodation.pk])


class Command(BaseCommand):
    help = (
        "Arrête un Redis privé 20 s sous charge et compte les réponses de gunicorn (pages, connexion, tableau de bord)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--redis-port", type=int, default=6390)
        parser.add_argument("--port", type=int, default=8766)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--visitors", type=int, default=4, help="threads visiting public pages")
        parser.add_argument("--before", type=int, default=10)
        parser.add_argument("--down", type=int, default=20)
        parser.add_argument("--after", type=int, default=10)

    def handle(self, *args, **options):
        if shutil.which("redis-server") is None:
            raise CommandError("redis-server est introuvable : apt-get install redis-server")
        redis_port = options["redis_port"]
        if redis_port == 6379:
            raise CommandError("Jamais le Redis partagé (6379) : choisissez un autre --redis-port.")
        pages = [(name, url) for name, url in Bench().pages()[0] if name in ("home", "news index", "article")]
        workdir = tempfile.mkdtemp(prefix="portal-redis-outage-")
        os.environ["BENCH_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        with self.redis(redis_port, workdir), Bench().gunicorn(options):
            start = time.monotonic()
            results = []
            visitors = [
                Visitor(options["port"], pages, lambda: time.monotonic() - start, results)
                for _ in range(options["visitors"])
            ]
            writer = Visitor(
                options["port"], pages, lambda: time.monotonic() - start, results, login=True, stay_url=stay_url()
            )
            visitors.append(writer)
            for visitor in visitors:
                visitor.start()
            time.sleep(options["before"])
            self.redis_cli(redis_port, "shutdown", "nosave")
            down_at = time.monotonic() - start
            time.sleep(options["down"])
            self.start_redis(redis_port, workdir)
            up_at = time.monotonic() - start
            time.sleep(options["after"])
            for visitor in visitors:
                visitor.stop.set()
            for visitor in visitors:
                visitor.join(timeout=15)
        self.report(results, down_at, up_at, options)
        self.check_saved(writer.acknowledged)

    def check_saved(self, references):
        """Every stay the portal acknowledged is in the database, whatever Redis did meanwhile."""
        from hostspace.declarations.models import Stay

        saved = set(Stay.objects.filter(reference__in=references).values_list("reference", flat=True))
        lost = [reference for reference in references if reference not in saved]
        self.stdout.write(f"Stays acknowledged: {len(references)}; found in the database: {len(saved)}.")
        if not references or lost:
            raise CommandError(f"{len(lost)} séjours acquittés introuvables ({len(references)} acquittés)")

    @contextlib.contextmanager
    def redis(self, port, workdir):
        self.start_redis(port, workdir)
        try:
            yield
        finally:
            self.redis_cli(port, "shutdown", "nosave")

    def start_redis(self, port, workdir):
        subprocess.run(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(port),
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workdir,
                "--pidfile",
                f"{workdir}/redis.pid",
            ],
            check=True,
            capture_output=True,
        )
        for _ in range(50):
            if self.redis_cli(port, "ping") == "PONG":
                return
            time.sleep(0.1)
        raise CommandError(f"redis-server ne démarre pas sur le port {port}")

    def redis_cli(self, port, *command):
        result = subprocess.run([shutil.which("redis-cli"), "-p", str(port), *command], capture_output=True, text=True)  # noqa: S603
        return result.stdout.strip()

    def report(self, results, down_at, up_at, options):
        def phase(moment):
            return "1 before" if moment < down_at else ("2 Redis down" if moment < up_at else "3 after")

        table = collections.defaultdict(lambda: {"statuses": collections.Counter(), "latencies": []})
        for moment, name, status, milliseconds in results:
            row = table[(phase(moment), name)]
            row["statuses"][status] += 1
            row["latencies"].append(milliseconds)
        self.stdout.write(
            f"\nRedis stopped at {down_at:.1f} s, started again at {up_at:.1f} s; gunicorn {options['workers']} "
            f"workers, {options['visitors']} visitors + 1 logging in; load average {os.getloadavg()[0]:.2f}\n"
        )
        header = f"{'phase':<14} {'page':<12} {'answers':>8}  {'statuses':<24} {'p50 ms':>8} {'p99 ms':>8}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        unexpected = 0
        for (phase_name, name), row in sorted(table.items()):
            latencies = sorted(row["latencies"])
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            statuses = ", ".join(f"{status}: {count}" for status, count in sorted(row["statuses"].items(), key=str))
            expected = 302 if name in POSTS else 200
            unexpected += sum(count for status, count in row["statuses"].items() if status != expected)
            self.stdout.write(
                f"{phase_name:<14} {name:<12} {len(latencies):>8}  {statuses:<24} "
                f"{statistics.median(latencies):>8.1f} {p99:>8.1f}"
            )
        if unexpected:
            raise CommandError(f"{unexpected} réponses inattendues pendant la mesure")
        self.stdout.write(self.style.SUCCESS("\nEvery answer as expected: Redis down was no outage."))
