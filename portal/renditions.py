"""Renditions made when an image is uploaded or replaced, not when a visitor first asks for a page.

The sizes below are those the templates ask for (``{% image … %}``). Making
them in a job right after the upload means no visitor's request pays for
resizing an image, and no request has to write a new rendition to the cache.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django_tasks import task
from wagtail.images import get_image_model

from portal.navigation import LOGO_SPEC

# Every filter spec a public or host-space template uses, with where.
TEMPLATE_SPECS = [
    LOGO_SPEC,  # the collectivity's logo in the header (portal.navigation)
    "width-960",  # an actualité's image (news/article_page.html)
    "fill-480x270",  # a tutorial's poster in the help page (guides/help_index_page.html)
    "width-1280",  # a tutorial's poster on its page (guides/tutorial_page.html)
    "width-800",  # a guided-tour step's image (guides/guided_tour_page.html)
    "max-480x270",  # a guided-tour step on the dashboard (dashboard/includes/tour.html)
]


@task()
def make_renditions(image_id):
    """Make every rendition of ``TEMPLATE_SPECS`` for the image (those that exist are kept)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*TEMPLATE_SPECS)


@receiver(post_save, sender=get_image_model())
def make_renditions_after_upload(instance, **kwargs):
    if instance.file:
        transaction.on_commit(lambda: make_renditions.enqueue(instance.pk))
