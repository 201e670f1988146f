"""The home page of a collectivity's site."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The root page of one collectivity's site: its welcome and the ways into the host space."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Quelques phrases d'accueil affichées sous le nom de la collectivité."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "guides.HelpIndexPage", "guides.LegalPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        """The latest actualités (always fresh) and the links to news, help, tour and guide (cached)."""
        from home.sections import home_sections
        from portal.pages import articles_under

        context = super().get_context(request, *args, **kwargs)
        sections = home_sections(self, request)
        context["sections"] = sections
        context["feed_urls"] = sections["feed_urls"]
        context["latest_articles"] = articles_under(self, limit=3)
        return context
