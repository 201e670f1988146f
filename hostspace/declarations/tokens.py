"""Personal API tokens of hosts: created in « Sécurité du compte », shown once, stored as a hash, revocable.

A token is 32 random bytes (256 bits) in URL-safe base64 behind a ``tsj_``
prefix that tells what it is when it turns up in a log or a repository. With
that entropy a plain SHA-256 is enough to make a stolen table useless, and
allows the direct lookup every API request needs (a slow hash would cost a
second per request for nothing).
"""

import hashlib
import secrets

from django.utils import timezone

from hostspace.declarations.models import ApiToken

PREFIX = "tsj_"


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def create(host, label):
    """A new token of ``host``: ``(stored token, clear key)``; the clear key is never stored."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(host=host, label=label, key_hash=hash_key(key), prefix=key[:10])
    return token, key


def revoke(token):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def find(key, site):
    """The active token whose key is ``key``, for a host of ``site``, or None."""
    if not key or not key.startswith(PREFIX):
        return None
    return (
        ApiToken.objects.select_related("host__user", "host__site")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, host__site=site)
        .first()
    )
