"""Throttling of activation-code guessing, per client.

django-axes counts failed *logins*; a code attempt has no username, so we keep
a small counter per client IP address in the cache (shared between processes
when Redis is configured). After ``ACTIVATION_CODE_MAX_ATTEMPTS`` wrong codes
within ``ACTIVATION_CODE_ATTEMPT_WINDOW`` seconds, the client is refused until
the window ends. With ~79 bits per code, this leaves guessing hopeless.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

DEFAULT_MAX_ATTEMPTS = 10
DEFAULT_WINDOW_SECONDS = 15 * 60


def max_attempts():
    return getattr(settings, "ACTIVATION_CODE_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)


def window_seconds():
    return getattr(settings, "ACTIVATION_CODE_ATTEMPT_WINDOW", DEFAULT_WINDOW_SECONDS)


def _key(request):
    client = get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return f"hostspace:code-attempts:{digest}"


def failed_code_attempts(request):
    """How many wrong codes this client typed in the current window."""
    return cache.get(_key(request), 0)


def check_code_attempts(request):
    """True while this client may still try a code; False once it has failed too often."""
    return failed_code_attempts(request) < max_attempts()


def record_failed_code(request):
    """Count one more wrong code for this client; return the new count."""
    key = _key(request)
    # add() starts the window only on the first failure; incr() keeps its expiry.
    cache.add(key, 0, timeout=window_seconds())
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds())
        return 1


def clear_code_attempts(request):
    """Forget this client's failures (after a successful activation)."""
    cache.delete(_key(request))
