"""Pages of the public portal: actualités (news), help pages, tutorials, tour, FAQ and legal pages (guides)."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from guides.models import FaqPage, GuidedTourPage, HelpIndexPage, LegalPage, TutorialCaption, TutorialPage
from news.models import ArticlePage, NewsIndexPage

# A WebVTT file is plain text: a real, minimal one.
VTT_FR = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBienvenue dans ce tutoriel.\n"
VTT_EN = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome to this tutorial.\n"
# Enough bytes to exercise byte ranges; the browser tests use the real demo video.
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"
    slug = "actualites"
    introduction = "<p>Les dernières informations sur la taxe de séjour.</p>"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300))
    summary = factory.LazyAttribute(lambda o: f"Résumé de « {o.title} ».")
    body = "<p>Le texte complet de l'actualité.</p>"


class HelpIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HelpIndexPage

    title = "Besoin d'aide"
    slug = "aide"
    introduction = "<p>Tutoriels, visite guidée, guide et questions fréquentes.</p>"


def serve_documents_from_memory(monkeypatch):
    """Make Wagtail stream documents from the test storage.

    Django's InMemoryStorage answers ``path()`` with a path on disk that does
    not exist, so Wagtail's document view would try (and fail) to send that
    file; files without a path make it stream the content instead, as it
    does with a cloud storage.
    """
    from django.db.models.fields.files import FieldFile

    def no_path(self):
        raise NotImplementedError("in-memory files have no path")

    monkeypatch.setattr(FieldFile, "path", property(no_path))


class GuideDocumentFactory(factory.django.DjangoModelFactory):
    """A small but real PDF document."""

    class Meta:
        model = get_document_model()

    title = "Le guide de la télédéclaration"
    file = factory.LazyFunction(
        lambda: ContentFile(
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n",
            name="guide-teledeclaration.pdf",
        )
    )


class TutorialPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TutorialPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tutoriel {n}")
    slug = factory.Sequence(lambda n: f"tutoriel-{n}")
    summary = "Déclarer les nuitées du mois en quelques minutes."
    duration = "1 min"
    transcript = "<p>Bienvenue dans ce tutoriel. Ouvrez votre tableau de bord.</p>"
    video = factory.LazyFunction(lambda: ContentFile(FAKE_MP4, name="tutoriel.mp4"))

    @factory.post_generation
    def with_captions(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        TutorialCaption.objects.create(
            page=obj, language="fr", label="Français", file=ContentFile(VTT_FR.encode(), name="fr.vtt")
        )
        TutorialCaption.objects.create(
            page=obj, language="en", label="English", file=ContentFile(VTT_EN.encode(), name="en.vtt")
        )


def tour_steps_value(targets=("welcome", "accommodations", "documents")):
    """Raw StreamField data for tour steps pointing at ``targets``."""
    return [
        {"type": "step", "value": {"title": f"Étape {key}", "text": f"Texte de l'étape {key}.", "target": key}}
        for key in targets
    ]


class GuidedTourPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidedTourPage

    title = "Visite guidée"
    slug = "visite-guidee"
    introduction = "<p>Découvrez votre tableau de bord pas à pas.</p>"
    steps = factory.LazyFunction(tour_steps_value)


class FaqPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FaqPage

    title = "Questions fréquentes"
    slug = "questions-frequentes"
    questions = factory.LazyFunction(
        lambda: [
            {"type": "section", "value": "Mon compte"},
            {
                "type": "question",
                "value": {
                    "question": "Comment activer mon compte ?",
                    "answer": "<p>Avec le code reçu par courrier.</p>",
                },
            },
        ]
    )


class LegalPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LegalPage

    title = "Mentions légales"
    slug = factory.LazyAttribute(lambda o: f"legal-{o.kind}")
    kind = LegalPage.KIND_MENTIONS
    body = "<p>Éditeur du site : la collectivité.</p>"
