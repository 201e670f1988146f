"""The content version: one number in the cache that changes whenever what a visitor sees may change.

Every cached fragment (navigation, home links, language links, the dashboard's
CMS content) and every cached page carries it in its key or its value, so that
one increment (:func:`bump`, called by ``portal.signals``) retires them all at
once, in every worker. The page cache reads it once per request
(``portal.page_cache``) and makes it the request's version (:func:`activate`);
everything below reads it from there without another round trip.
"""

import contextvars
import logging
import threading
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# The key is the navigation's historical one, so that a deployment keeps the running version.
VERSION_KEY = "portal:navigation:version"
# Every bump is announced on this Redis channel, so that each worker knows the version without asking.
CHANNEL = "portal:content-version"

_current = contextvars.ContextVar("portal_content_version", default=None)


def read():
    """The version in the cache, or None when the cache cannot be reached.

    A new version starts from the clock (milliseconds), not from 1: after Redis
    restarts empty, the numbers never meet again those that workers still hold
    in memory (``portal.page_cache`` keeps pages per version in each worker).
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(time.time() * 1000), None)
        version = cache.get(VERSION_KEY)
    return version


def current():
    """The version of the request being served (read once), or the cache's."""
    version = _current.get()
    return version if version is not None else read()


def active():
    """The version the page cache made this request's, or None (then nothing is kept per version in memory)."""
    return _current.get()


def activate(version):
    """Make ``version`` the one :func:`current` returns until :func:`deactivate`; returns a token."""
    return _current.set(version)


def deactivate(token):
    _current.reset(token)


def bump():
    """Retire every cached fragment and page, after a change visitors may see; tell every worker.

    Once at once, and once more when the transaction that made the change
    commits: a page another worker rendered in between (from the database as
    it was before the commit) carries the first new version, and the second
    retires it.
    """
    _bump_now()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_now)


def _bump_now():
    _current.set(None)
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or Redis restarted empty): a new one, from the clock as in read()
        version = int(time.time() * 1000)
        cache.set(VERSION_KEY, version, None)
    watcher.announce(version)


def _redis_client():
    """The raw Redis client behind the default cache, or None when the cache is not Redis (tests, a laptop)."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    return get_client(write=True) if get_client is not None else None


class Watcher:
    """This process's copy of the content version, kept current by Redis pub/sub.

    A thread subscribes to ``CHANNEL``, then reads the version; each bump
    publishes the new number, which the thread records. While it is subscribed
    (:attr:`version` is not None), the page cache needs no round trip to know
    the version, and serves a page held in process memory with no round trip at
    all. A version is announced after its increment, so a worker may serve the
    page of the previous version for the instant the message takes to arrive,
    as it would had it read the version just before the bump. When the
    subscription fails (Redis down), :attr:`version` is None and requests read
    the version from the cache again (or do without).
    """

    RETRY_SECONDS = 1.0

    def __init__(self):
        self.version = None
        self._thread = None
        self._lock = threading.Lock()

    def ensure_started(self):
        """Start the subscriber thread in this process (after gunicorn's fork), if Redis is the cache."""
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if (self._thread is None or not self._thread.is_alive()) and _redis_client() is not None:
                self._thread = threading.Thread(target=self._run, name="content-version-watcher", daemon=True)
                self._thread.start()

    def current(self):
        return self.version

    def announce(self, version):
        if version is None:
            return
        if self.version is not None:
            self.version = version
        client = _redis_client()
        if client is not None:
            try:
                client.publish(CHANNEL, version)
            except Exception:  # noqa: BLE001 - the version in Redis is right; workers read it after a reconnection
                logger.warning("Could not announce content version %s.", version)

    def _run(self):
        while True:
            client = _redis_client()
            if client is None:  # the cache is no longer Redis (tests change settings): nothing to watch
                self.version = None
                return
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(CHANNEL)
                pubsub.get_message(timeout=1.0)  # the subscription's confirmation
                self.version = read()
                while True:
                    # Polled rather than listen(): the cache's short socket timeout applies to this connection too.
                    message = pubsub.get_message(timeout=0.25)
                    if message and message.get("type") == "message":
                        self.version = int(message["data"])
            except Exception:  # noqa: BLE001 - any failure: forget the version, requests read it, retry
                self.version = None
                time.sleep(self.RETRY_SECONDS)


watcher = Watcher()
