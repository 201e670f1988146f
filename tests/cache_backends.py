"""Cache backends for tests: one that counts round trips, one whose server is never there.

Not a test module: tests name these classes in ``settings.CACHES``.
"""

import contextlib

from django.core.cache.backends.locmem import LocMemCache
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from portal.cache import FailFastRedisCache, ResilientCacheMixin, ResilientRedisCache

# Nothing listens on port 1: every connection is refused at once, as when Redis is stopped.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"

_calls = None


def counting_cache_settings(request, backend="tests.cache_backends.CountingLocMemCache", **params):
    """A ``CACHES["default"]`` entry for ``backend`` with a storage of the test's own (``request``: pytest's)."""
    return {"BACKEND": backend, "LOCATION": request.node.nodeid, **params}


@contextlib.contextmanager
def counting_cache():
    """Collect the round trips made to a :class:`CountingLocMemCache` meanwhile: a list of (operation, keys)."""
    global _calls
    previous, _calls = _calls, []
    try:
        yield _calls
    finally:
        _calls = previous


class CountingLocMemCache(LocMemCache):
    """Local memory, counting each call as one round trip to a server (``get_many`` is one).

    Give it a ``LOCATION`` of its own (:func:`counting_cache_settings`): local-memory caches of one name
    share their storage, from one test to the next.
    """

    def _count(self, operation, keys):
        if _calls is not None:
            _calls.append((operation, tuple(str(key) for key in keys)))

    def get(self, key, default=None, version=None):
        self._count("get", [key])
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        self._count("get_many", keys)
        return self._get_many_uncounted(keys, version)

    def _get_many_uncounted(self, keys, version):
        found = {}
        for key in keys:
            value = LocMemCache.get(self, key, self._missing, version)
            if value is not self._missing:
                found[key] = value
        return found

    _missing = object()

    def set(self, key, value, timeout=None, version=None):  # noqa: A003
        self._count("set", [key])
        return super().set(key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        self._count("set_many", list(data))
        for key, value in data.items():
            LocMemCache.set(self, key, value, timeout, version)
        return []

    def add(self, key, value, timeout=None, version=None):
        self._count("add", [key])
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        self._count("delete", [key])
        return super().delete(key, version)

    def incr(self, key, delta=1, version=None):
        self._count("incr", [key])
        return super().incr(key, delta, version)

    def has_key(self, key, version=None):
        self._count("has_key", [key])
        return super().has_key(key, version)

    def touch(self, key, timeout=None, version=None):
        self._count("touch", [key])
        return super().touch(key, timeout, version)


class UnreachableRedisCache(ResilientRedisCache):
    """The portal's default cache, pointed at a Redis that is not there."""

    def __init__(self, server, params):
        super().__init__(UNREACHABLE_REDIS, params)


class UnreachableSecurityCache(FailFastRedisCache):
    """The portal's security cache, pointed at a Redis that is not there."""

    def __init__(self, server, params):
        super().__init__(UNREACHABLE_REDIS, params)


class FlakyCacheError(ConnectionError):
    """What the flaky caches raise while they are "down"."""


class _Flaky:
    """A local-memory cache whose every operation raises while the class's ``down`` is true."""

    down = False

    def _check(self):
        if type(self).down:
            raise FlakyCacheError("Connection refused")

    def get(self, *args, **kwargs):
        self._check()
        return LocMemCache.get(self, *args, **kwargs)

    def set(self, *args, **kwargs):  # noqa: A003
        self._check()
        return LocMemCache.set(self, *args, **kwargs)

    def add(self, *args, **kwargs):
        self._check()
        return LocMemCache.add(self, *args, **kwargs)

    def incr(self, *args, **kwargs):
        self._check()
        return LocMemCache.incr(self, *args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check()
        return LocMemCache.delete(self, *args, **kwargs)

    def get_many(self, keys, version=None):
        self._check()
        return LocMemCache.get_many(self, keys, version)


class RaisingLocMemCache(_Flaky, LocMemCache):
    """The bare flaky cache: what Django's RedisCache does when Redis is stopped (it raises)."""


class FlakyResilientCache(ResilientCacheMixin, RaisingLocMemCache):
    """The portal's resilient wrapper around a cache that raises while ``down``."""


class RecordingPurgeBackend(BaseBackend):
    """A front-end cache (CDN, Varnish) for ``WAGTAILFRONTENDCACHE`` that records the URLs it is asked to purge."""

    purged = []

    def purge(self, url):
        type(self).purged.append(url)
