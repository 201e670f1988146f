"""Cached fragments of a page (navigation, home links, language links, the dashboard's CMS content), fetched together.

A page needs several fragments; asking the cache for each costs a round trip
each. The page cache middleware opens a per-request store (:func:`begin`);
whoever knows early which fragments a page will need (a ``before_serve_page``
hook, the dashboard view) asks for them all in one ``get_many``
(:func:`prefetch`); :func:`get_or_build` then answers from that store, and only
builds and writes what was missing. Without a store (a management command, a
test calling a function directly) each fragment is one ``get``.
"""

import contextvars

from django.core.cache import cache

_MISSING = object()
_store = contextvars.ContextVar("portal_fragments", default=None)


def begin():
    """Open the request's store of fragments; returns the token for :func:`end`."""
    return _store.set({})


def end(token):
    _store.reset(token)


def prefetch(keys):
    """Fetch ``keys`` in one round trip into the request's store (those not asked for already)."""
    store = _store.get()
    wanted = [key for key in dict.fromkeys(keys) if store is None or key not in store]
    if not wanted:
        return
    found = cache.get_many(wanted)
    if store is not None:
        for key in wanted:
            store[key] = found.get(key, _MISSING)


def get_or_build(key, build, timeout):
    """The fragment ``key``: from the request's store, else the cache, else ``build()`` (then stored)."""
    store = _store.get()
    value = store.get(key, _MISSING) if store is not None and key in store else cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout)
        if store is not None:
            store[key] = value
    return value
