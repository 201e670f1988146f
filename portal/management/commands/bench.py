"""``make bench``: throughput under gunicorn (wrk) and the cost of one request (in process), page by page.

Throughput is measured by ``wrk`` against gunicorn with these settings, in
interleaved rounds (static file, then each page, then again), so that a busy
machine slows every page of a round alike; each page's figure is read as a
ratio to the static file *of the same round* (the median over rounds). Ratios
carry from one machine to another; requests per second do not.

The cost of one request is measured in this process with Django's test client:
SQL queries, cache round trips and CPU milliseconds, both as the page cache
serves it to an anonymous visitor and without it (what a page costs when it is
rendered: after a publication, or for a logged-in host). Nothing here asserts a
speed: ``--smoke`` only checks that the whole chain works, in about a second of load.
"""

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.templatetags.static import static
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

DASHBOARD = "/espace-hebergeur/tableau-de-bord/"
# The host name wrk sends (the default site, Pays des Écrins): the in-process client sends the same.
BENCH_HOST = "127.0.0.1"
BENCH_HOST_EMAIL = "hote@example.com"
CACHE_OPERATIONS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "has_key", "touch")


@contextlib.contextmanager
def counted_cache_round_trips():
    """Count the calls (each one round trip to Redis) made to the default cache meanwhile."""
    cache = caches["default"]
    calls = []
    originals = {name: getattr(cache, name) for name in CACHE_OPERATIONS}

    def counting(name, original):
        def call(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return call

    for name, original in originals.items():
        setattr(cache, name, counting(name, original))
    try:
        yield calls
    finally:
        for name in originals:
            delattr(cache, name)


def parse_wrk(output):
    """Requests per second, p50 and p99 latency (ms), and the count of non-2xx/3xx answers, from ``wrk --latency``."""

    def milliseconds(text):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?timeout (\d+)", output)
    return {
        "rate": rate,
        "p50": p50,
        "p99": p99,
        "errors": int(errors.group(1)) if errors else 0,
        "timeouts": int(socket_errors.group(1)) if socket_errors else 0,
    }


class Command(BaseCommand):
    help = "Mesure le débit (wrk + gunicorn) et le coût d'une requête (requêtes SQL, allers-retours Redis, CPU)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page and round")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--samples", type=int, default=100, help="in-process requests per page")
        parser.add_argument("--smoke", action="store_true", help="a one-second check that everything works")

    def handle(self, *args, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk est introuvable : apt-get install wrk")
        if options["smoke"]:
            options.update(duration=1, rounds=1, samples=2)
        # The benchmark's own Redis database (BENCH_REDIS_URL): pages cached by a previous run of another
        # database must not be served.
        caches["default"].clear()
        pages, cookie = self.pages(smoke=options["smoke"])
        costs = {
            name: self.cost(url, cookie if name == "dashboard" else None, options["samples"]) for name, url in pages
        }
        with self.gunicorn(options) as base:
            throughput = self.throughput(base, pages, cookie, options)
        self.report(pages, costs, throughput, options)
        failures = [name for name, runs in throughput.items() if any(run["errors"] or run["timeouts"] for run in runs)]
        if failures:
            raise CommandError(f"Réponses en erreur pendant la mesure : {', '.join(failures)}")

    # --- What is measured ----------------------------------------------------------------------

    def pages(self, smoke=False):
        from django.contrib.auth import get_user_model
        from wagtail.models import Site

        from guides.models import TaxSimulatorPage
        from news.models import ArticlePage, NewsIndexPage

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()

        def url_of(model):
            page = model.objects.live().descendant_of(site.root_page).order_by("path").first() if site else None
            if page is None:
                raise CommandError(f"Pas de page {model.__name__} : chargez la démonstration (seed_demo).")
            return page.get_url_parts()[2]  # the path on the default site, which wrk reaches as 127.0.0.1

        user = get_user_model().objects.filter(email=BENCH_HOST_EMAIL).first()
        if user is None:
            raise CommandError(f"Pas de compte {BENCH_HOST_EMAIL} : chargez la démonstration (seed_demo).")
        client = Client(HTTP_HOST=BENCH_HOST)
        client.force_login(user)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        pages = [("static", static("portal/css/portal.css")), ("home", "/")]
        if not smoke:
            pages += [
                ("news index", url_of(NewsIndexPage)),
                ("article", url_of(ArticlePage)),
                ("simulator", url_of(TaxSimulatorPage)),
            ]
        pages.append(("dashboard", DASHBOARD))
        return pages, cookie

    def cost(self, url, cookie, samples):
        """Queries, cache round trips and CPU ms of one request: rendered (no page cache) and from the page cache."""
        headers = {"HTTP_HOST": BENCH_HOST, **({"HTTP_COOKIE": cookie} if cookie else {})}
        result = {}
        for mode, enabled in (("rendered", False), ("cached", True)):
            client = Client(**headers)
            with override_settings(PAGE_CACHE_ENABLED=enabled):
                for _ in range(3):  # warm: fragments and, when enabled, the page itself
                    response = client.get(url)
                    if response.status_code != 200:
                        raise CommandError(f"{url} : HTTP {response.status_code}")
                queries, trips, cpu = [], [], []
                for _ in range(samples):
                    with CaptureQueriesContext(connection) as captured, counted_cache_round_trips() as calls:
                        start = time.process_time()
                        client.get(url)
                        cpu.append((time.process_time() - start) * 1000)
                    queries.append(len(captured.captured_queries))
                    trips.append(len(calls))
            result[mode] = {
                "queries": max(queries),
                "trips": max(trips),
                "cpu": statistics.median(cpu),
            }
        return result

    @contextlib.contextmanager
    def gunicorn(self, options):
        port = options["port"]
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise CommandError(f"Le port {port} est déjà pris : --port")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            str(options["workers"]),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
        process = subprocess.Popen(command, env={**os.environ})  # noqa: S603 (our own interpreter and arguments)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + static("portal/css/portal.css"), timeout=1)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise CommandError("gunicorn ne répond pas")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)

    def wrk(self, url, cookie, duration, options):
        command = ["wrk", f"-t{options['threads']}", f"-c{options['connections']}", f"-d{duration}s", "--latency"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
        if options["verbosity"] > 1:
            self.stdout.write(output)
        # Sync workers still hold the requests wrk left unanswered when it stopped: wait until they have
        # answered them (one request goes through after them), so that they do not count against the next page.
        with contextlib.suppress(OSError):
            urllib.request.urlopen(self.drain_url, timeout=30)  # noqa: S310
        return parse_wrk(output)

    def throughput(self, base, pages, cookie, options):
        self.drain_url = base + static("portal/css/portal.css")
        for name, url in pages:  # warm-up: workers' memory, fragments, page cache
            self.wrk(base + url, cookie if name == "dashboard" else None, 1, options)
        runs = {name: [] for name, _url in pages}
        for _round in range(options["rounds"]):
            for name, url in pages:
                runs[name].append(
                    self.wrk(base + url, cookie if name == "dashboard" else None, options["duration"], options)
                )
        return runs

    # --- What is printed -------------------------------------------------------------------------

    def report(self, pages, costs, throughput, options):
        load = os.getloadavg()
        self.stdout.write(
            f"\nwrk -t{options['threads']} -c{options['connections']} -d{options['duration']}s × {options['rounds']} "
            f"interleaved rounds, gunicorn {options['workers']} sync workers, {os.cpu_count()} cores, "
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n"
        )
        header = (
            f"{'page':<12} {'req/s':>8} {'× static':>9} {'p50 ms':>8} {'p99 ms':>8}   "
            f"{'queries':>7} {'Redis':>5} {'CPU ms':>7}   {'cached: q':>9} {'Redis':>5} {'CPU ms':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        static_runs = throughput["static"]
        for name, _url in pages:
            runs = throughput[name]
            ratios = [run["rate"] / max(static["rate"], 1e-9) for run, static in zip(runs, static_runs, strict=True)]
            rendered, cached = costs[name]["rendered"], costs[name]["cached"]
            self.stdout.write(
                f"{name:<12} {statistics.median(r['rate'] for r in runs):>8.0f} {statistics.median(ratios):>9.3f} "
                f"{statistics.median(r['p50'] for r in runs):>8.2f} {statistics.median(r['p99'] for r in runs):>8.2f}   "
                f"{rendered['queries']:>7} {rendered['trips']:>5} {rendered['cpu']:>7.2f}   "
                f"{cached['queries']:>9} {cached['trips']:>5} {cached['cpu']:>7.2f}"
            )
        self.stdout.write(
            "\nreq/s, × static, p50, p99: under wrk, anonymous (the dashboard: a logged-in host), page cache on.\n"
            "queries, Redis, CPU ms: one request in process, rendered (page cache off) | served by the page cache.\n"
        )
