"""Production settings for ``make bench`` on the demo data: a throw-away database, Redis, plain HTTP.

Everything that costs time per request is production's (DEBUG off, Redis cache,
WhiteNoise with the compressed manifest, the middleware chain, Argon2 is only
paid at login). What differs is what a benchmark on a laptop cannot have: a
fixed secret, local host names, HTTP rather than HTTPS, and the demo app (for
``seed_demo --force-i-know``). The database is a temporary SQLite file unless
``BENCH_DATABASE_URL`` names another (e.g. a PostgreSQL ``portal_bench``).
"""

import os
import tempfile
from pathlib import Path

BENCH_DIR = Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "portal-bench"))
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost")
# wrk talks to gunicorn directly: no proxy in front.
os.environ.setdefault("AXES_IPWARE_PROXY_COUNT", "0")
# A Redis database of its own (the benchmark empties it first): BENCH_REDIS_URL, never REDIS_URL.
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
# Its own database too (BENCH_DATABASE_URL, never DATABASE_URL: CI exports its test database there).
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
os.environ["STATIC_ROOT"] = str(BENCH_DIR / "static")
os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
os.environ["PRIVATE_MEDIA_ROOT"] = str(BENCH_DIR / "private_media")

from .production import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
