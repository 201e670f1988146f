"""Throttling of logins with django-axes: who the client is, whose account it tries, what it sees when locked.

Failures are counted per *account and client* (``AXES_LOCKOUT_PARAMETERS``):
an attacker elsewhere can lock only their own attempts, never the real host's.
"""

from django.conf import settings
from django.shortcuts import render

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
    return render(request, "hostspace/locked_out.html", status=429)
