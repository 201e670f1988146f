"""The PayFiP simulator is served in development and tests only; production points at the DGFiP and may
redirect the payer's form there (CSP form-action)."""

import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "paysdesecrins.example",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}
PROBE = (
    "from django.conf import settings; from django.urls import resolve, reverse, NoReverseMatch\n"
    "try:\n    reverse('payfip_simulator_endpoint'); print('SERVED')\n"
    "except NoReverseMatch:\n    print('ABSENT')\n"
    "print(settings.PAYFIP_ENDPOINT); print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
)


def test_production_serves_no_simulator_and_talks_to_the_dgfip():
    leaking = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "PAYFIP_ENDPOINT", "PAYFIP_PAYMENT_URL"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT, env={**clean, **PRODUCTION_ENV}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "ABSENT" in result.stdout
    assert "https://www.payfip.gouv.fr/tpa/services/securite" in result.stdout
    assert "https://www.payfip.gouv.fr" in result.stdout  # the payer's form may go there


def test_the_test_settings_serve_the_simulator():
    assert reverse("payfip_simulator_payer") == "/simulateur-payfip/paiement/"
