"""Keep every cached fragment and page in step with what visitors may see.

One content version (``portal.versions``) retires the cached navigation, home
links, language links, dashboard content and whole public pages at once. It is
bumped by everything that changes a public page: a page published, unpublished
(scheduled publication and expiry included: Wagtail's ``publish_scheduled``
sends the same signals), moved or deleted, a view restriction, a site, its
branding, an image or document (replaced in place too), a locale, a CGU or
privacy version (one that comes into force at midnight is handled by the day
in the page key), and the tariffs the simulator computes with.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import sites, versions
from portal.models import BrandingSettings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_pages_on_publication(**kwargs):
    versions.bump()


@receiver(post_delete)
def forget_pages_on_page_deletion(sender, **kwargs):
    if isinstance(sender, type) and issubclass(sender, Page):
        versions.bump()


@receiver(post_save, sender="wagtailcore.Site")
@receiver(post_delete, sender="wagtailcore.Site")
def forget_sites(**kwargs):
    sites.clear()
    versions.bump()


def _bump(**kwargs):
    versions.bump()


# What a public page shows besides the pages themselves.
CONTENT_MODELS = [
    BrandingSettings,
    PageViewRestriction,
    Locale,
    get_image_model(),
    get_document_model(),
    "terms.TermsVersion",
    "tax.Deliberation",
    "tax.CollectionPeriod",
    "tax.NationalGrid",
    "portal.SupportHours",
]
for _model in CONTENT_MODELS:
    post_save.connect(_bump, sender=_model, dispatch_uid=f"portal-content-save-{_model}")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"portal-content-delete-{_model}")
