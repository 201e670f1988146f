"""Throttling of logins with django-axes: who the client is, whose account it tries, what it sees when locked.

Failures are counted per *account and client* (``AXES_LOCKOUT_PARAMETERS``):
an attacker elsewhere can lock only their own attempts, never the real host's.

The counters kept in the cache (activation codes, current passwords) live in the
``security`` cache, which raises while Redis is down: they then fail *closed*
(the attempt is refused), never open (``portal.cache``).
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.shortcuts import render

from portal.cache import CACHE_ERRORS, security_cache, security_counter_failed

# The POST fields that carry the login email: Django's form, the two-factor wizard's first step.
USERNAME_FIELDS = ("username", "auth-username", "email")


def username_from_request(request, credentials=None):
    """The account tried, normalised as accounts store emails, so that ``HOTE@x`` and ``hote@x`` count together."""
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        for field in USERNAME_FIELDS:
            if data.get(field):
                value = data.get(field)
                break
    if not isinstance(value, str):
        return None
    return value.strip().lower()[:254] or None


def client_ip(request):
    """The client's IP address: ``REMOTE_ADDR``, or the address our own proxies saw.

    Behind ``AXES_IPWARE_PROXY_COUNT`` trusted reverse proxies, each appends the
    address it received from to ``X-Forwarded-For``: the client is the
    N-th entry from the right. Entries further left are chosen by the client
    and are never trusted.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:45]


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """The page shown to a client that failed too often: same layout, clear message, HTTP 429."""
    return render(request, "accounts/locked_out.html", status=429)


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
    """How many wrong codes this client typed in the current window (the limit itself if it cannot be read)."""
    try:
        return security_cache().get(_key(request), 0)
    except CACHE_ERRORS:
        security_counter_failed("code-attempts")
        return max_attempts()


def check_code_attempts(request):
    """True while this client may still try a code; False once it has failed too often."""
    return failed_code_attempts(request) < max_attempts()


def record_failed_code(request):
    """Count one more wrong code for this client; return the new count."""
    key = _key(request)
    try:
        return count_in_window(key, window_seconds())
    except CACHE_ERRORS:
        security_counter_failed("code-attempts")
        return max_attempts()


def count_in_window(key, window):
    """One more in the counter ``key``, whose window starts with its first count."""
    cache = security_cache()
    # add() starts the window only on the first failure; incr() keeps its expiry.
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return 1


def clear_code_attempts(request):
    """Forget this client's failures (after a successful activation)."""
    try:
        security_cache().delete(_key(request))
    except CACHE_ERRORS:
        security_counter_failed("code-attempts")


# Wrong current passwords on « Changer mon mot de passe », per account: whoever holds an open session
# (a shared computer) must not be able to try passwords there until one works.
PASSWORD_CHANGE_MAX_FAILURES = 5
PASSWORD_CHANGE_WINDOW_SECONDS = 15 * 60


def _password_change_key(user):
    return f"hostspace:password-change-failures:{user.pk}"


def may_try_current_password(user):
    """False once the account has typed too many wrong current passwords in the window (or if unknown)."""
    try:
        return security_cache().get(_password_change_key(user), 0) < PASSWORD_CHANGE_MAX_FAILURES
    except CACHE_ERRORS:
        security_counter_failed("password-change")
        return False


def record_wrong_current_password(user):
    try:
        return count_in_window(_password_change_key(user), PASSWORD_CHANGE_WINDOW_SECONDS)
    except CACHE_ERRORS:
        security_counter_failed("password-change")
        return PASSWORD_CHANGE_MAX_FAILURES


def clear_wrong_current_passwords(user):
    try:
        security_cache().delete(_password_change_key(user))
    except CACHE_ERRORS:
        security_counter_failed("password-change")
