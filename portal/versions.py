"""The content version: one number in the cache that changes whenever what a visitor sees may change.

Every cached fragment (navigation, home links, language links, the dashboard's
CMS content) and every cached page carries it in its key or its value, so that
one increment (:func:`bump`, called by ``portal.signals``) retires them all at
once, in every worker. The page cache reads it once per request
(``portal.page_cache``) and makes it the request's version (:func:`activate`);
everything below reads it from there without another round trip.
"""

import contextvars

from django.core.cache import cache

# The key is the navigation's historical one, so that a deployment keeps the running version.
VERSION_KEY = "portal:navigation:version"

_current = contextvars.ContextVar("portal_content_version", default=None)


def read():
    """The version in the cache (created at 1), or None when the cache cannot be reached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY)
    return version


def current():
    """The version of the request being served (read once), or the cache's."""
    version = _current.get()
    return version if version is not None else read()


def activate(version):
    """Make ``version`` the one :func:`current` returns until :func:`deactivate`; returns a token."""
    return _current.set(version)


def deactivate(token):
    _current.reset(token)


def bump():
    """Retire every cached fragment and page, after a change visitors may see."""
    _current.set(None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
