"""Forget the cached home links when a document changes (the guide's URL carries its file name)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from portal import navigation


@receiver(post_save, sender=get_document_model())
@receiver(post_delete, sender=get_document_model())
def forget_home_links_on_document_change(**kwargs):
    navigation.invalidate()
