"""Actualités: the news index (with its RSS and Atom feeds) and its articles."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

ARTICLES_PER_PAGE = 10
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class NewsIndexPage(RoutablePageMixin, Page):
    """The list of a collectivity's actualités, newest first with pinned ones on top, and its feeds."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Texte court affiché au-dessus de la liste des actualités."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("liste des actualités")
        verbose_name_plural = _("listes des actualités")

    def articles(self):
        """The live public articles under this index, pinned first then newest."""
        from portal.pages import exclude_private

        return (
            exclude_private(ArticlePage.objects.child_of(self).live())
            .select_related("locale")
            .order_by(*ArticlePage.LISTING_ORDER)
        )

    @path("")
    def index(self, request):
        paginator = Paginator(self.articles().defer_streamfields(), ARTICLES_PER_PAGE)
        # get_page() falls back to the first or last page on « abc » or « 99999 »: never an error.
        articles = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={"articles": articles, "paginator": paginator, "feed_urls": self.feed_urls(request)},
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from news.feeds import ArticlesRssFeed

        return ArticlesRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom(self, request):
        from news.feeds import ArticlesAtomFeed

        return ArticlesAtomFeed()(request, index=self)

    def feed_urls(self, request=None):
        """The URLs of this index's RSS and Atom feeds (relative to the site when ``request`` is given)."""
        base = self.get_url(request=request) or ""
        return {"rss": base + self.reverse_subpage("rss"), "atom": base + self.reverse_subpage("atom")}


class ArticlePage(Page):
    """One actualité: a date, a summary, a body and an optional image; editors may pin it on top."""

    LISTING_ORDER = ("-pinned", "-date", "-first_published_at", "-pk")

    date = models.DateField(
        _("date de l'actualité"),
        default=timezone.localdate,
        help_text=_("Date affichée et utilisée pour classer les actualités, la plus récente en premier."),
    )
    summary = models.TextField(
        _("résumé"),
        max_length=400,
        help_text=_("Une ou deux phrases affichées dans les listes, sur la page d'accueil et dans les flux RSS."),
    )
    body = RichTextField(_("texte"), blank=True, features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Facultative. Affichée en tête de l'actualité ; décrivez-la dans le champ « texte alternatif »."),
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Ce que l'image apporte au lecteur. Laissez vide si elle est purement décorative."),
    )
    pinned = models.BooleanField(
        _("épinglée"),
        default=False,
        help_text=_("Une actualité épinglée reste en tête de liste et sur la page d'accueil, quelle que soit sa date."),
    )
    show_support_contact = models.BooleanField(
        _("afficher le contact du service technique"),
        default=False,
        help_text=_(
            "Ajoute sous le texte le téléphone et les horaires du service technique, tels que saisis dans "
            "les paramètres de la collectivité (une seule source : rien à recopier ici)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        MultiFieldPanel([FieldPanel("pinned"), FieldPanel("show_support_contact")], heading=_("Mise en avant")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("pinned"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = news_index = self.get_parent().specific
        context["feed_urls"] = news_index.feed_urls(request)
        return context
