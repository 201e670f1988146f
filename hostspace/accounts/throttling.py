"""Throttling of logins with django-axes: who the client is, whose account it tries, what it sees when locked.

Failures are counted per *account and client* (``AXES_LOCKOUT_PARAMETERS``):
an attacker elsewhere can lock only their own attempts, never the real host's.

The counters kept in the cache (activation codes, current passwords) live in the
``security`` cache, which raises while Redis is down: they then fail *closed*
(the attempt is refused), never open (``portal.cache``).
"""

import hashlib
import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.shortcuts import render

from portal.cache import CACHE_ERRORS, security_cache, security_counter_failed

logger = logging.getLogger(__name__)

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
    return f"hostspace:code-attempts:{_digest(client)}"


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _counted(what, operation, unavailable, log=security_counter_failed):
    """``operation()``, or ``unavailable`` (logged with ``log(what)``) when the security cache cannot answer."""
    try:
        return operation()
    except CACHE_ERRORS:
        log(what)
        return unavailable


def failed_code_attempts(request):
    """How many wrong codes this client typed in the current window (the limit itself if it cannot be read)."""
    return _counted("code-attempts", lambda: security_cache().get(_key(request), 0), max_attempts())


def check_code_attempts(request):
    """True while this client may still try a code; False once it has failed too often."""
    return failed_code_attempts(request) < max_attempts()


def record_failed_code(request):
    """Count one more wrong code for this client; return the new count."""
    return _counted("code-attempts", lambda: count_in_window(_key(request), window_seconds()), max_attempts())


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
    _counted("code-attempts", lambda: security_cache().delete(_key(request)), None)


# Wrong current passwords on « Changer mon mot de passe », per account: whoever holds an open session
# (a shared computer) must not be able to try passwords there until one works.
PASSWORD_CHANGE_MAX_FAILURES = 5
PASSWORD_CHANGE_WINDOW_SECONDS = 15 * 60


def _password_change_key(user):
    return f"hostspace:password-change-failures:{user.pk}"


def may_try_current_password(user):
    """False once the account has typed too many wrong current passwords in the window (or if unknown)."""
    failures = _counted(
        "password-change", lambda: security_cache().get(_password_change_key(user), 0), PASSWORD_CHANGE_MAX_FAILURES
    )
    return failures < PASSWORD_CHANGE_MAX_FAILURES


def record_wrong_current_password(user):
    return _counted(
        "password-change",
        lambda: count_in_window(_password_change_key(user), PASSWORD_CHANGE_WINDOW_SECONDS),
        PASSWORD_CHANGE_MAX_FAILURES,
    )


def clear_wrong_current_passwords(user):
    _counted("password-change", lambda: security_cache().delete(_password_change_key(user)), None)


# Caps across the axes pairs. axes counts one account *from one client*; two floods escape it:
# - one account tried from many addresses (a botnet, or an office behind one NAT): past
#   ACCOUNT_FAILURE_CAP failures in an hour from any address, the account takes no password for
#   the rest of that hour and its owner is mailed a reset link (through the job queue). The
#   password reset lifts it at once. The answer is the same for an unknown email.
# - one client trying many accounts: each attempt costs an Argon2 hash (about 0.1 s of a core),
#   so 8 clients posting random emails slowed every page. Past CLIENT_FAILURE_CAP failures in
#   15 minutes from one address, its logins are refused before any password is hashed (429).
ACCOUNT_FAILURE_CAP = 50
ACCOUNT_FAILURE_WINDOW_SECONDS = 60 * 60
CLIENT_FAILURE_CAP = 30
CLIENT_FAILURE_WINDOW_SECONDS = 15 * 60


def _account_key(username):
    return f"hostspace:account-failures:{_digest(username)}"


def _account_blocked_key(username):
    return f"hostspace:account-blocked:{_digest(username)}"


def _client_key(ip):
    return f"hostspace:client-failures:{_digest(ip or 'unknown')}"


# While Redis is away these two caps cannot count: logins then rely on django-axes alone, whose
# lockouts per account and client live in the database and keep guarding (a warning is logged).
# Refusing every login instead would turn a cache outage into an outage of the host space.


def _login_caps_unavailable(what):
    logger.warning("Security counter %s unavailable: django-axes alone guards logins until the cache is back.", what)


def _login_caps(operation, unavailable):
    return _counted("login-caps", operation, unavailable, log=_login_caps_unavailable)


def record_login_failure(request, username):
    """Count one failed login against the account and against the client; True when the account just hit its cap."""

    def count():
        if request is not None:
            count_in_window(_client_key(client_ip(request)), CLIENT_FAILURE_WINDOW_SECONDS)
        if not username:
            return False
        failures = count_in_window(_account_key(username), ACCOUNT_FAILURE_WINDOW_SECONDS)
        if failures == ACCOUNT_FAILURE_CAP:
            # The block runs a full hour from the moment the cap is reached, whatever the window's start.
            security_cache().set(_account_blocked_key(username), True, timeout=ACCOUNT_FAILURE_WINDOW_SECONDS)
            return True
        return False

    return _login_caps(count, False)


def account_needs_reset(username):
    """True while ``username`` (normalised) takes no password: too many failures from anywhere in the hour."""
    if not username:
        return False
    return _login_caps(lambda: bool(security_cache().get(_account_blocked_key(username))), False)


def client_may_try_logins(request):
    """False once this client has failed too many logins, on any accounts, in the window."""
    return _login_caps(lambda: security_cache().get(_client_key(client_ip(request)), 0) < CLIENT_FAILURE_CAP, True)


def clear_account_failures(username):
    """Forget the account's failures from every client (after its password is reset)."""
    _login_caps(lambda: security_cache().delete_many([_account_key(username), _account_blocked_key(username)]), None)


def on_login_failed(sender, credentials, request=None, **kwargs):
    """``user_login_failed``: count the failure for both caps; at the account's cap, queue the reset link.

    The job mails only an account that has a host record on this site, so an
    unknown email takes the same path and nobody learns whether it exists.
    """
    from django.utils import translation
    from wagtail.models import Site

    from hostspace.accounts.forms import REASON_FAILED_LOGINS
    from hostspace.accounts.tasks import send_password_reset

    username = username_from_request(request, credentials)
    if not record_login_failure(request, username) or request is None:
        return
    site = Site.find_for_request(request)
    if site is not None:
        send_password_reset.enqueue(
            email=username, site_id=site.pk, language=translation.get_language(), reason=REASON_FAILED_LOGINS
        )
