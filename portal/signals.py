"""Keep cached public fragments (navigation, branding stylesheet) in step with the CMS."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import navigation
from portal.models import BrandingSettings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_navigation(**kwargs):
    navigation.invalidate()


@receiver(post_save, sender="wagtailcore.Site")
@receiver(post_delete, sender="wagtailcore.Site")
@receiver(post_save, sender=BrandingSettings)
def forget_navigation_on_save(**kwargs):
    navigation.invalidate()
