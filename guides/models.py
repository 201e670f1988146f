"""Besoin d'aide: the help index, tutorials, guided tour, guide, FAQ and legal pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from guides.media import serve_file
from portal.panels import CappedInlinePanel

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]

# The dashboard elements a tour step can point at: the host dashboard puts
# ``data-tour="<key>"`` on each of them. Keys are a contract: never rename one.
TOUR_TARGETS = [
    ("welcome", _("Accueil du tableau de bord")),
    ("personal-info", _("Mes informations personnelles")),
    ("accommodations", _("Mes hébergements")),
    ("classifications", _("Mes classements")),
    ("declarations", _("Mes déclarations")),
    ("documents", _("Mes documents")),
    ("news", _("Actualités")),
    ("help", _("Besoin d'aide")),
    ("contact", _("Contacter le service technique")),
    ("security", _("Sécurité du compte")),
]
TOUR_TARGET_KEYS = [key for key, _label in TOUR_TARGETS]


class HelpIndexPage(Page):
    """The « Besoin d'aide » page: the entry to tutorials, the guided tour, the guide and the FAQ."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Texte d'accueil de la rubrique d'aide."),
    )
    guide_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("guide de la télédéclaration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Le PDF « Le guide de la télédéclaration », proposé au téléchargement ici, sur la page d'accueil "
            "et dans « Mes documents » du tableau de bord."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("guide_document")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.TutorialPage", "guides.GuidedTourPage", "guides.FaqPage", "guides.TaxSimulatorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("page « Besoin d'aide »")
        verbose_name_plural = _("pages « Besoin d'aide »")

    def get_context(self, request, *args, **kwargs):
        from portal.pages import exclude_private

        context = super().get_context(request, *args, **kwargs)
        context["tutorials"] = (
            exclude_private(TutorialPage.objects.child_of(self).live())
            .order_by("path")
            .select_related("poster")
            .prefetch_related("poster__renditions")
        )
        context["tour_page"] = exclude_private(GuidedTourPage.objects.child_of(self).live()).first()
        context["faq_page"] = exclude_private(FaqPage.objects.child_of(self).live()).first()
        return context


def validate_video_size(file):
    if file.size > 50 * 1024 * 1024:
        raise ValidationError(_("La vidéo dépasse 50 Mo : compressez-la avant de l'envoyer."))


class TutorialPage(RoutablePageMixin, Page):
    """A video tutorial served by the portal itself, with its poster, captions and a text transcript."""

    summary = models.TextField(
        _("résumé"),
        max_length=400,
        help_text=_("Une ou deux phrases : ce que l'hébergeur saura faire après la vidéo."),
    )
    video = models.FileField(
        _("vidéo (MP4 ou WebM)"),
        upload_to="tutorials/videos/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"]), validate_video_size],
        help_text=_("Fichier vidéo hébergé sur le portail (aucune plateforme extérieure). 50 Mo au plus."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d'aperçu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Affichée avant la lecture de la vidéo."),
    )
    duration = models.CharField(
        _("durée"), max_length=20, blank=True, help_text=_("Par exemple « 1 min 30 ». Affichée avant la vidéo.")
    )
    transcript = RichTextField(
        _("transcription"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Le texte complet de la vidéo, pour les personnes qui ne peuvent pas la voir ou l'entendre."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("video"), FieldPanel("poster"), FieldPanel("duration")],
            heading=_("Vidéo"),
        ),
        CappedInlinePanel(
            "captions",
            max_num=len(settings.LANGUAGES),  # one track per language
            heading=_("Sous-titres (WebVTT)"),
            label=_("Piste de sous-titres"),
            help_text=_("Un fichier .vtt par langue. Les sous-titres sont obligatoires pour l'accessibilité."),
        ),
        FieldPanel("transcript"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("transcript")]

    parent_page_types = ["guides.HelpIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tutoriel vidéo")
        verbose_name_plural = _("tutoriels vidéo")

    @path("")
    def detail(self, request):
        base = self.get_url(request=request) or ""
        return self.render(
            request,
            context_overrides={
                "video_url": base + self.reverse_subpage("video") if self.video else "",
                "caption_tracks": self.caption_tracks(base),
            },
        )

    @path("video/", name="video")
    def serve_video(self, request):
        if not self.video:
            raise Http404
        return serve_file(request, self.video)

    @path("sous-titres/<str:language>/", name="captions")
    def serve_captions(self, request, language):
        track = self.captions.filter(language=language).first()
        if track is None or not track.file:
            raise Http404
        return serve_file(request, track.file, content_type="text/vtt; charset=utf-8")

    def caption_tracks(self, base):
        """The caption tracks with their URL under ``base`` (the page's URL), the page's language first (default)."""
        language = self.locale.language_code
        tracks = sorted(self.captions.all(), key=lambda track: (track.language != language, track.sort_order or 0))
        for track in tracks:
            track.url = base + self.reverse_subpage("captions", kwargs={"language": track.language})
            track.is_default = track.language == language
        return tracks


class TutorialCaption(Orderable):
    """One WebVTT caption track of a tutorial, in one language."""

    page = ParentalKey(TutorialPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    label = models.CharField(
        _("nom de la piste"), max_length=60, help_text=_("Affiché dans le lecteur, par exemple « Français ».")
    )
    file = models.FileField(
        _("fichier WebVTT"), upload_to="tutorials/captions/", validators=[FileExtensionValidator(["vtt"])]
    )

    panels = [FieldPanel("language"), FieldPanel("label"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("piste de sous-titres")
        verbose_name_plural = _("pistes de sous-titres")
        # One track per language: the caption URL is /sous-titres/<langue>/.
        unique_together = [("page", "language")]

    @property
    def srclang(self):
        return self.language


class HelpTopicPage(Page):
    """A page that stands once under « Besoin d'aide », opened by an introduction: the tour, the FAQ, the simulator."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["guides.HelpIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class TourStepValue(blocks.StructValue):
    @property
    def target_label(self):
        return dict(TOUR_TARGETS).get(self.get("target"), self.get("target"))


class TourStepBlock(blocks.StructBlock):
    """One step of the guided tour, shown on the help page and over the host dashboard."""

    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), help_text=_("Deux ou trois phrases simples."))
    target = blocks.ChoiceBlock(
        choices=TOUR_TARGETS,
        label=_("élément du tableau de bord"),
        help_text=_("La zone du tableau de bord que cette étape met en évidence."),
    )
    image = ImageChooserBlock(required=False, label=_("capture d'écran (facultative)"))
    image_alt = blocks.CharBlock(
        required=False,
        default="",
        max_length=250,
        label=_("texte alternatif de la capture"),
        help_text=_("Ce que montre la capture d'écran."),
    )

    class Meta:
        icon = "site"
        label = _("étape")
        value_class = TourStepValue


class GuidedTourPage(HelpTopicPage):
    """La « Visite guidée »: ordered steps edited in the CMS, read here and over the dashboard."""

    steps = StreamField(
        [("step", TourStepBlock())],
        verbose_name=_("étapes"),
        blank=True,
        help_text=_("Dans l'ordre de la visite. Chaque étape désigne un élément du tableau de bord."),
    )

    content_panels = [*HelpTopicPage.content_panels, FieldPanel("steps")]
    search_fields = [*HelpTopicPage.search_fields, index.SearchField("steps")]

    class Meta:
        verbose_name = _("visite guidée")
        verbose_name_plural = _("visites guidées")


class FaqQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("réponse"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("question")
        template = "guides/blocks/faq_question.html"


class FaqPage(HelpTopicPage):
    """Questions fréquentes: sections and questions with their answers."""

    questions = StreamField(
        [
            ("section", blocks.CharBlock(label=_("titre de section"), icon="title", max_length=120)),
            ("question", FaqQuestionBlock()),
        ],
        verbose_name=_("questions"),
        blank=True,
        help_text=_("Regroupez les questions sous des titres de section ; chaque réponse s'ouvre d'un clic."),
    )

    content_panels = [*HelpTopicPage.content_panels, FieldPanel("questions")]
    search_fields = [*HelpTopicPage.search_fields, index.SearchField("questions")]

    class Meta:
        verbose_name = _("foire aux questions")
        verbose_name_plural = _("foires aux questions")


def check_legal_kind_is_free(page, parent):
    """Refuse a second legal page of the same kind under the same home page (same language)."""
    siblings = LegalPage.objects.child_of(parent).filter(kind=page.kind, locale_id=parent.locale_id)
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    if siblings.exists():
        raise ValidationError({"kind": _("Ce site a déjà une page de ce type dans cette langue.")})


class LegalPageForm(WagtailAdminPageForm):
    """Checks the kind at creation too, when the new page has no parent yet but the form knows it."""

    def clean(self):
        cleaned_data = super().clean()
        if self.parent_page is not None and cleaned_data.get("kind"):
            candidate = LegalPage(kind=cleaned_data["kind"])
            candidate.pk = self.instance.pk
            try:
                check_legal_kind_is_free(candidate, self.parent_page)
            except ValidationError as error:
                self.add_error("kind", error.message_dict["kind"])
        return cleaned_data


class LegalPage(Page):
    """Mentions légales, accessibility statement, CGU or privacy policy of one collectivity's site.

    For the CGU and the privacy policy, the host space adds the version in force
    to the context as ``terms_version``; the page body is then only a fallback.
    """

    KIND_MENTIONS = "mentions"
    KIND_ACCESSIBILITY = "accessibility"
    KIND_CGU = "cgu"
    KIND_PRIVACY = "privacy"
    KINDS = [
        (KIND_MENTIONS, _("Mentions légales")),
        (KIND_ACCESSIBILITY, _("Déclaration d'accessibilité")),
        (KIND_CGU, _("Conditions générales d'utilisation")),
        (KIND_PRIVACY, _("Politique de confidentialité")),
    ]

    kind = models.CharField(
        _("type de page"),
        max_length=20,
        choices=KINDS,
        help_text=_("Une seule page de chaque type par site et par langue."),
    )
    body = RichTextField(_("texte"), blank=True, features=RICH_TEXT_FEATURES)
    last_reviewed = models.DateField(
        _("date de mise à jour"), null=True, blank=True, help_text=_("Affichée en bas de la page.")
    )

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("body"), FieldPanel("last_reviewed")]
    search_fields = [*Page.search_fields, index.SearchField("body"), index.FilterField("kind")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = LegalPageForm

    class Meta:
        verbose_name = _("page légale")
        verbose_name_plural = _("pages légales")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is not None:
            check_legal_kind_is_free(self, parent)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.kind in (self.KIND_CGU, self.KIND_PRIVACY):
            # The text in force comes from the versioned terms (hostspace), per collectivity.
            from wagtail.models import Site

            from hostspace.terms.services import version_in_force

            site = Site.find_for_request(request) or self.get_site()
            context["terms_version"] = version_in_force(site, self.kind)
        return context


class TaxSimulatorPage(HelpTopicPage):
    """« Simulateur de taxe de séjour »: a host chooses a category and a stay, and sees the tax and why.

    It works without JavaScript (a GET form) and computes with the collectivity's
    deliberation in force on the date of arrival (``hostspace.tax``).
    """

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Quelques mots au-dessus du simulateur."),
    )

    class Meta:
        verbose_name = _("simulateur de taxe de séjour")
        verbose_name_plural = _("simulateurs de taxe de séjour")

    def get_context(self, request, *args, **kwargs):
        from hostspace.tax.simulator import SimulatorForm, explain

        context = super().get_context(request, *args, **kwargs)
        form = SimulatorForm(request.GET or None)
        context["form"] = form
        if form.is_valid():
            result = form.estimate(Site.find_for_request(request))
            if result is not None:
                context["result"], context["explained"] = result, explain(result)
        return context
