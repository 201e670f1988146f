"""Purge a whole collectivity's site from the CDN or Varnish when what every page shows changes.

Wagtail's ``frontend_cache`` app purges a page's own URLs when it is published,
unpublished or moved. The branding (header, footer, colours) is on every page,
the terms versions on the legal pages and the tariffs on the simulator: when
they change, every live page of the site is purged (a site has a few dozen).
Nothing happens unless ``WAGTAILFRONTENDCACHE`` names a backend.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page


def purge_site(site):
    """Purge every live page of ``site`` (all its languages) from the configured front-end caches."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or site is None:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    root = site.root_page
    homes = root.get_translations(inclusive=True)
    pages = Page.objects.none()
    for home in homes:
        pages = pages | Page.objects.live().descendant_of(home, inclusive=True)
    batch = PurgeBatch()
    batch.add_pages(pages.specific(defer=True))
    batch.purge()


def _purge_site_of(instance, **kwargs):
    site = getattr(instance, "site", None)
    if site is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: purge_site(site))


for _model in ("portal.BrandingSettings", "terms.TermsVersion", "tax.Deliberation"):
    post_save.connect(_purge_site_of, sender=_model, dispatch_uid=f"portal-purge-save-{_model}")
    post_delete.connect(_purge_site_of, sender=_model, dispatch_uid=f"portal-purge-delete-{_model}")
