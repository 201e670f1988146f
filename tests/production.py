"""Running ``manage.py`` in a child process under the production settings, with nothing of the test
process's own configuration leaking in (its database, its settings module, its PayFiP simulator)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "paysdesecrins.example,serreponcon.example",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "AXES_IPWARE_PROXY_COUNT": "1",
}
# What the test process itself may have set, and a production process must not inherit.
LEAKING = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "MEDIA_ROOT", "PAYFIP_ENDPOINT", "PAYFIP_PAYMENT_URL"}


def run_manage(*args, env=None):
    """``manage.py *args`` under the production settings (``env`` added to or replacing them)."""
    env = PRODUCTION_ENV if env is None else env
    clean = {key: value for key, value in os.environ.items() if key not in {*PRODUCTION_ENV, *LEAKING}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        # A bound, not a speed check: collectstatic compresses a few MB of vendored scripts, slowly on a busy machine.
        timeout=600,
    )
