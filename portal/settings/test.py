"""Settings for the test suite: fast hashing, local memory cache, mail kept in memory."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "security": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "security"},
}
# Most tests change content with factories (no publication signal) and read pages again: the page
# cache is off, and tests/portal/test_page_cache.py turns it on to test it.
PAGE_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Jobs run at once, inside the test (the worker process is tested by the job functions themselves).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The demo is tested too (seed_demo builds the collectivities a developer sees).
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
PORTAL_URL_SCHEME = "http"
# Hosts' private files written by tests go to a throw-away folder, not the project's.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))
# PayFiP: the simulator is served; tests that talk to it point the client at their live server.
PAYFIP_SIMULATOR = True
PAYFIP_ENDPOINT = "http://testserver/simulateur-payfip/services/securite"
PAYFIP_PAYMENT_URL = "/simulateur-payfip/paiement/"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [SELF]  # noqa: F405
