"""The full-page cache of public pages for anonymous visitors, and the HTTP caching headers of every page.

Why our own middleware rather than wagtail-cache or Django's cache middleware:
the key must carry the content version (``portal.versions``) and the day (a CGU
version or a tariff comes into force at midnight), invalidation must follow
every change a visitor may see (not only page publication: branding, images,
documents, terms, tariffs — ``portal.signals``), a page that rendered a CSRF
token or touched a cookie must never be shared, a cache that is down must be
skipped rather than fail, and the check must come right after WhiteNoise,
before sessions and authentication are even looked at. wagtail-cache does only
the page part, keyed on its own global clear, and Django's middleware pair
caches by ``Vary`` headers and adds ``Expires``. The README says more.

What it does, in order:

1. A GET or HEAD for a public path (not the host space, the admin, the API, the
   documents or the search) without a session or messages cookie and without a
   ``Range`` header may be served from the cache. A worker that follows the
   content version over Redis pub/sub (``versions.watcher``) serves a page it
   holds in memory (:class:`LocalPages`) with no round trip at all, else asks
   Redis for the page; a worker that does not know the version fetches the
   version and the page in one ``get_many``. A stored page of the current
   version and day is served as it was, with a 304 when the browser already
   has it.
2. Otherwise the request goes on, with the version it read made the request's
   (fragments below read it from there) and Wagtail's site taken from memory
   (``portal.sites``).
3. A public page that answered 200, set no cookie, used no CSRF token and did
   not ask for privacy is stored, and sent with ``Cache-Control: public`` and an
   ETag; the host space, the security pages and the admin are sent with
   ``Cache-Control: private, no-store``. Paths that carry their language drop
   ``Vary: Accept-Language``.
"""

import collections
import hashlib
import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from portal import fragments, sites, versions

logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "portal:page:"
# Paths outside i18n_patterns (portal/urls.py): their language comes from the request, not the URL.
UNPREFIXED_PREFIXES = ("/admin/", "/api/", "/documents/", "/branding.css", "/static/", "/media/")
# Paths, after any language prefix, never served from nor stored in the page cache.
UNCACHED_PREFIXES = (
    "/admin/",
    "/api/",
    "/documents/",
    "/espace-hebergeur/",
    "/securite/",
    "/recherche/",
    "/static/",
    "/media/",
    "/branding.css",
)
# Paths, after any language prefix, whose answers are personal: never kept by a browser or a proxy.
FILE_PREFIXES = ("/static/", "/media/")
PRIVATE_PREFIXES = ("/admin/", "/espace-hebergeur/", "/securite/")
PRIVATE_CACHE_CONTROL = "private, no-store"


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def unprefixed_path(path):
    """``path`` without its language prefix (``/en/aide/`` → ``/aide/``)."""
    for prefix in _language_prefixes():
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def is_private_path(path):
    return unprefixed_path(path).startswith(PRIVATE_PREFIXES)


def _enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True) and getattr(settings, "PAGE_CACHE_SECONDS", 600) > 0


def _has_personal_cookie(request):
    names = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    return any(name in request.COOKIES for name in names)


def may_serve_from_cache(request):
    """Whether ``request`` is an anonymous visit of a public page (its answer may be shared)."""
    return (
        request.method in ("GET", "HEAD")
        and not unprefixed_path(request.path_info).startswith(UNCACHED_PREFIXES)
        and not _has_personal_cookie(request)
        and "HTTP_RANGE" not in request.META
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request):
    """The page's key: scheme, host name (absolute links in feeds carry it), path and query string."""
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _may_share(request, response):
    """Whether ``response`` is the same for every anonymous visitor: stored, and public for proxies."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _etag(content):
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


def public_cache_control():
    return "public, max-age={}, s-maxage={}".format(
        getattr(settings, "PUBLIC_CACHE_MAX_AGE", 60), getattr(settings, "PUBLIC_CACHE_S_MAXAGE", 300)
    )


def _drop_accept_language(request, response):
    """The URL carries the language (French unprefixed, English under /en/): a proxy need not vary on the header."""
    if request.path_info.startswith(UNPREFIXED_PREFIXES) or not response.has_header("Vary"):
        return
    kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "accept-language"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class LocalPages:
    """What this worker rendered last, in memory, least recently used first out: whole pages here, the
    header and footer in ``portal.layout``.

    With the content version known without a round trip (``versions.watcher``),
    a page held here is served with no call to Redis at all; its version and
    day are checked as for a page from Redis.
    """

    def __init__(self, size):
        self.size = size
        self._pages = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._pages.get(key)
            if entry is not None:
                self._pages.move_to_end(key)
            return entry

    def put(self, key, entry):
        if self.size <= 0:
            return
        with self._lock:
            self._pages[key] = entry
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()


local_pages = LocalPages(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500))


def _fresh(entry, version):
    return entry is not None and version is not None and entry["version"] == version and entry["day"] == _today()


class PageCacheMiddleware:
    """Serve and store anonymous public pages; set the caching headers of every page. Right after WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(FILE_PREFIXES):
            # Uploads (portal.media) and static files: no page, no site, no version to look up.
            return self.get_response(request)
        versions.watcher.ensure_started()
        key = page_key(request) if _enabled() and may_serve_from_cache(request) else None
        version = versions.watcher.current()
        if key is not None:
            entry = local_pages.get(key) if version is not None else None
            if _fresh(entry, version):
                return self._from_cache(request, entry)
            if version is None:
                found = cache.get_many([versions.VERSION_KEY, key])
                version = found.get(versions.VERSION_KEY) or versions.read()
            else:
                found = {key: cache.get(key)}
            entry = found.get(key)
            if _fresh(entry, version):
                local_pages.put(key, entry)
                return self._from_cache(request, entry)
        elif version is None:
            version = versions.read()
        token, fragments_token = versions.activate(version), fragments.begin()
        try:
            sites.prime_request(request, version)
            response = self.get_response(request)
        finally:
            fragments.end(fragments_token)
            versions.deactivate(token)
        return self._finish(request, response, key, version)

    def _finish(self, request, response, key, version):
        if is_private_path(request.path_info):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            return response
        _drop_accept_language(request, response)
        if not may_serve_from_cache(request) or not _may_share(request, response):
            return response
        # Anything that varies on the cookie was ruled out above (no session, no CSRF token, no cookie set).
        if response.has_header("Vary"):
            kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "cookie"]
            del response["Vary"]
            if kept:
                patch_vary_headers(response, kept)
        response["Cache-Control"] = public_cache_control()
        response["ETag"] = _etag(response.content)
        if key is not None and version is not None and request.method == "GET":
            entry = {
                "version": version,
                "day": _today(),
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items()],
                "content": response.content,
            }
            cache.set(key, entry, getattr(settings, "PAGE_CACHE_SECONDS", 600))
            local_pages.put(key, entry)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response) or response

    def _from_cache(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response["ETag"], response=response) or response


def _today():
    """The day in the collectivities' time zone: terms and tariffs come into force at its midnight."""
    return timezone.localdate().isoformat()
