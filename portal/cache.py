"""Redis as a cache, whose loss is never an outage.

Two cache aliases share one Redis (``portal.settings.base``):

- ``default`` (:class:`ResilientRedisCache`) holds what the database can
  rebuild: navigation, fragments, whole public pages. When Redis cannot be
  reached, reads miss and writes are dropped, so pages render from the
  database; a circuit breaker then leaves Redis alone for a few seconds (no
  request waits for a socket timeout meanwhile) and logs the outage once, and
  its end once.
- ``security`` (:class:`FailFastRedisCache`) holds counters that guard
  accounts (activation-code guesses, password-change and reset-email
  allowances, API throttling). Forgetting them would let an attacker guess
  without limit while Redis is down, so they fail *closed*: every operation
  raises :class:`CacheUnavailable`, and callers refuse the attempt
  (``security_counter_failed``).
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# How long a cache that failed is left alone before one request tries it again.
DEFAULT_COOLDOWN_SECONDS = 5.0


class CacheUnavailable(RuntimeError):
    """The cache server cannot be reached (or failed a moment ago and is being left alone)."""


def _cache_errors():
    errors = [OSError, CacheUnavailable]
    try:
        import redis

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is in requirements.txt
        pass
    return tuple(errors)


# What a cache client raises when its server is away (socket errors are OSError, ConnectionError included).
CACHE_ERRORS = _cache_errors()


class CircuitBreaker:
    """Remembers a cache's failure for ``cooldown`` seconds; logs when it opens and when it closes again."""

    def __init__(self, name, cooldown=DEFAULT_COOLDOWN_SECONDS):
        self.name = name
        self.cooldown = cooldown
        self.open_until = 0.0
        self.tripped = False
        self._lock = threading.Lock()

    def allows(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        with self._lock:
            self.open_until = time.monotonic() + self.cooldown
            if not self.tripped:
                self.tripped = True
                logger.warning(
                    "Cache %r unreachable (%s): served without it, retried every %ss.", self.name, error, self.cooldown
                )

    def succeeded(self):
        if self.tripped:
            with self._lock:
                if self.tripped:
                    self.tripped = False
                    logger.warning("Cache %r reachable again.", self.name)


class GuardedCacheMixin:
    """Runs each operation of a cache backend through a circuit breaker. Subclasses say what a failure returns."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = params.get("OPTIONS", {})
        # Our own option is not the Redis client's.
        if hasattr(self, "_options"):
            self._options = {key: value for key, value in options.items() if key != "COOLDOWN"}
        self.breaker = CircuitBreaker(str(server), options.get("COOLDOWN", DEFAULT_COOLDOWN_SECONDS))

    def _on_failure(self, error, default):  # pragma: no cover - abstract
        raise NotImplementedError

    def _guard(self, default, operation, *args, **kwargs):
        if not self.breaker.allows():
            return self._on_failure(CacheUnavailable(self.breaker.name), default)
        try:
            result = operation(*args, **kwargs)
        except CACHE_ERRORS as error:
            self.breaker.failed(error)
            return self._on_failure(error, default)
        self.breaker.succeeded()
        return result

    def get(self, key, default=None, version=None):
        return self._guard(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard({}, super().get_many, keys, version)

    def set(self, key, value, timeout=None, version=None):  # noqa: A003 (Django's name)
        return self._guard(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._guard(list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._guard(False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._guard(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._guard(None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guard(None, super().incr, key, delta, version)

    def clear(self):
        return self._guard(False, super().clear)


class ResilientCacheMixin(GuardedCacheMixin):
    """A cache that misses (reads) and drops (writes) while its server is unreachable."""

    def _on_failure(self, error, default):
        return default


class FailFastCacheMixin(GuardedCacheMixin):
    """A cache that raises :class:`CacheUnavailable` at once while its server is unreachable."""

    def _on_failure(self, error, default):
        if isinstance(error, CacheUnavailable):
            raise error
        raise CacheUnavailable(str(error)) from error


class ResilientRedisCache(ResilientCacheMixin, RedisCache):
    """Django's RedisCache that misses (reads) and drops (writes) while Redis is unreachable."""


class FailFastRedisCache(FailFastCacheMixin, RedisCache):
    """Django's RedisCache that raises :class:`CacheUnavailable` at once while Redis is unreachable."""


def security_cache():
    """The cache of security counters (``CACHES["security"]``): it raises rather than forgets."""
    from django.core.cache import caches

    return caches["security"]


def security_counter_failed(what):
    """Log that a security counter could not be read or written; the caller then refuses (fail closed)."""
    logger.warning("Security counter %s unavailable: the attempt is refused until the cache is back.", what)
