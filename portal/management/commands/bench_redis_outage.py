"""``make bench-redis-outage``: Redis stopped for 20 seconds under load, and what visitors got meanwhile.

A private ``redis-server`` (port 6390 by default, never the shared one) serves
a gunicorn with the benchmark's settings. Threads visit the home page, the news
index, an article, the login page, log in (a real POST with its CSRF token) and
open the dashboard, for ``--before`` seconds, then Redis is shut down for
``--down`` seconds, then started again for ``--after`` seconds. The command
prints, for each phase and page, the answers by status and the p50/p99 latency,
and fails if anything but 200 (302 for the login POST) was answered.
"""

import collections
import contextlib
import http.client
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time

from django.core.management.base import BaseCommand, CommandError

from portal.management.commands.bench import Command as Bench

HOST_EMAIL = "hote@example.com"
HOST_PASSWORD = "Demo-hote-2026!"  # noqa: S105 (the demo's published password)
LOGIN = "/espace-hebergeur/"
DASHBOARD = "/espace-hebergeur/tableau-de-bord/"


class Visitor(threading.Thread):
    """Visits ``pages`` in turn until stopped, recording (phase, page, status, milliseconds)."""

    def __init__(self, port, pages, clock, results, login=False):
        super().__init__(daemon=True)
        self.port, self.pages, self.clock, self.results, self.login = port, pages, clock, results, login
        self.stop = threading.Event()

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

    def log_in(self):
        status, headers, body = self.timed("login page", "GET", LOGIN)
        cookies = "; ".join(value.split(";")[0] for name, value in headers if name.lower() == "set-cookie")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body or b"")
        if not token:
            return None
        form = (
            f"csrfmiddlewaretoken={token.group(1).decode()}&host_login_view-current_step=auth"
            f"&auth-username={HOST_EMAIL}&auth-password={HOST_PASSWORD}"
        )
        headers_out = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies}
        status, headers, _body = self.timed("login POST", "POST", LOGIN, body=form, headers=headers_out)
        session = [
            value.split(";")[0] for name, value in headers if name.lower() == "set-cookie" and "sessionid" in value
        ]
        return session[0] if status == 302 and session else None

    def run(self):
        while not self.stop.is_set():
            if self.login:
                session = self.log_in()
                if session:
                    self.timed("dashboard", "GET", DASHBOARD, headers={"Cookie": session})
                continue
            for name, path in self.pages:
                self.timed(name, "GET", path)


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
            visitors.append(Visitor(options["port"], pages, lambda: time.monotonic() - start, results, login=True))
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
            expected = 302 if name == "login POST" else 200
            unexpected += sum(count for status, count in row["statuses"].items() if status != expected)
            self.stdout.write(
                f"{phase_name:<14} {name:<12} {len(latencies):>8}  {statuses:<24} "
                f"{statistics.median(latencies):>8.1f} {p99:>8.1f}"
            )
        if unexpected:
            raise CommandError(f"{unexpected} réponses inattendues pendant la mesure")
        self.stdout.write(self.style.SUCCESS("\nEvery answer as expected: Redis down was no outage."))
