"""The home page of a collectivity's site."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
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
        """The latest actualités, the help pages and the guide, all looked up under this home (its language)."""
        from guides.models import GuidedTourPage, HelpIndexPage
        from news.models import NewsIndexPage
        from news.selectors import articles_under, exclude_private

        context = super().get_context(request, *args, **kwargs)
        help_page = (
            exclude_private(HelpIndexPage.objects.child_of(self).live()).select_related("guide_document").first()
        )
        # The news index and the tour page in one query, as light deferred instances (URL and title only).
        sections = exclude_private(Page.objects.live()).filter(
            Q(
                path__startswith=self.path,
                depth=self.depth + 1,
                content_type=ContentType.objects.get_for_model(NewsIndexPage),
            )
            | Q(
                path__startswith=help_page.path if help_page else "-",
                depth=self.depth + 2,
                content_type=ContentType.objects.get_for_model(GuidedTourPage),
            )
        )
        sections = {type(page): page for page in sections.order_by("path").specific(defer=True)}
        news_index = sections.get(NewsIndexPage)
        context["help_page"] = help_page
        context["guide_document"] = help_page.guide_document if help_page else None
        context["tour_page"] = sections.get(GuidedTourPage)
        context["news_index"] = news_index
        context["feed_urls"] = news_index.feed_urls(request) if news_index else None
        context["latest_articles"] = articles_under(self, limit=3)
        return context
