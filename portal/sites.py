"""The collectivities' Wagtail sites, kept in process memory.

Wagtail looks the site up in the database on every request (and its root
paths in the cache on every ``get_url``). There are a handful of sites and they
almost never change, so each worker keeps them all in memory and answers from
there, with Wagtail's own matching rules (:func:`match`). The copy is dropped
when a Site is saved or deleted in this process (``portal.signals``), when the
content version changes (another worker saved one), and after
``REFRESH_SECONDS`` whatever happens (in case the cache was unreachable).
"""

import threading
import time

from django.http.request import split_domain_port
from wagtail.models import Site

REFRESH_SECONDS = 60

_lock = threading.Lock()
_state = {"sites": None, "root_paths": None, "version": None, "loaded_at": 0.0}


def clear():
    """Forget the sites held in memory (after a Site is saved or deleted)."""
    with _lock:
        _state.update(sites=None, root_paths=None, version=None, loaded_at=0.0)


def _load(version):
    sites = list(Site.objects.select_related("root_page", "root_page__locale"))
    # Wagtail's root paths need the sites' translations too: computed once here, not per request.
    root_paths = Site.get_site_root_paths()
    with _lock:
        _state.update(sites=sites, root_paths=root_paths, version=version, loaded_at=time.monotonic())
    return sites, root_paths


def _current(version):
    sites, root_paths = _state["sites"], _state["root_paths"]
    fresh = time.monotonic() - _state["loaded_at"] < REFRESH_SECONDS
    if sites is None or not fresh or (version is not None and version != _state["version"]):
        sites, root_paths = _load(version)
    return sites, root_paths


def match(sites, hostname, port):
    """The site for ``hostname`` and ``port`` among ``sites``, as ``wagtail.models.sites.get_site_for_hostname``."""
    exact = [site for site in sites if site.hostname == hostname and site.port == port]
    if exact:
        return exact[0]
    same_host = [site for site in sites if site.hostname == hostname]
    default = next((site for site in sites if site.is_default_site), None)
    if default is not None and default.hostname == hostname:
        return default
    if len(same_host) == 1:
        return same_host[0]
    return default


def prime_request(request, version=None):
    """Set Wagtail's per-request site and root paths from memory; return the site (or None)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    sites, root_paths = _current(version)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = match(sites, hostname, int(port) if str(port).isdigit() else port)
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = root_paths
    return site
