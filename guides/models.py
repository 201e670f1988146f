"""Besoin d'aide: the help index, tutorials, guided tour, guide, FAQ and legal pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HelpIndexPage(Page):
    """The « Besoin d'aide » page: the entry to tutorials, the guided tour, the guide and the FAQ."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page « Besoin d'aide »")
        verbose_name_plural = _("pages « Besoin d'aide »")
