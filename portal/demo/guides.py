"""Demo help content for each collectivity: help page, guide PDF, tutorials, guided tour, FAQ, legal pages.

The tutorial videos, posters and captions are small files shipped in
``portal/demo/media`` (rebuilt by ``make_media.sh``); the guide PDF is
generated here with WeasyPrint from ``demo/pdf/guide.html``.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from guides.models import (
    FaqPage,
    GuidedTourPage,
    HelpIndexPage,
    LegalPage,
    TaxSimulatorPage,
    TutorialCaption,
    TutorialPage,
)
from portal.demo.collectivities import demo_page, demo_translation
from portal.demo.guides_content import FAQ, HELP, LEGAL, TOUR_STEPS, TUTORIALS
from portal.pages import child_page, locales, publish, translation_of

MEDIA_DIR = Path(__file__).resolve().parent / "media"
PDF_CSS = Path(__file__).resolve().parent / "pdf" / "guide.css"
GUIDE_TITLE = "Le guide de la télédéclaration"


def _guide_pdf(collectivity, steps, faq):
    """The bytes of a real, few-page PDF guide for this collectivity, rendered by WeasyPrint."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "demo/pdf/guide.html",
        {
            "branding": collectivity.branding,
            "site_url": f"https://{collectivity.hostname}",
            "year": datetime.date.today().year,
            "steps": steps,
            "faq": [item for kind, item in faq if kind == "question"],
        },
    )
    # PDF/UA: a tagged PDF (headings, lists, language) that screen readers can follow.
    return HTML(string=html, base_url=str(MEDIA_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant="pdf/ua-1"
    )


def _guide_document(collectivity):
    document_model = get_document_model()
    collection = collectivity.extra["collection"]
    document = document_model.objects.filter(title=GUIDE_TITLE, collection=collection).first()
    if document is None:
        pdf = _guide_pdf(collectivity, TOUR_STEPS["fr"], FAQ[collectivity.key]["fr"])
        document = document_model(title=GUIDE_TITLE, collection=collection)
        document.file = ContentFile(pdf, name=f"guide-teledeclaration-{collectivity.key}.pdf")
        document.file_size = len(pdf)
        document.save()
    return document


def _image(collectivity, filename, title):
    image_model = get_image_model()
    collection = collectivity.extra["collection"]
    image = image_model.objects.filter(title=title, collection=collection).first()
    if image is None:
        with open(MEDIA_DIR / filename, "rb") as handle:
            image = image_model(title=title, collection=collection)
            image.file = ImageFile(handle, name=filename)
            image.save()
    return image


def _tutorial(collectivity, help_page, data):
    existing = TutorialPage.objects.child_of(help_page).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    page = TutorialPage(
        slug=data["slug"],
        locale=help_page.locale,
        title=data["title"],
        summary=data["summary"],
        duration=data["duration"],
        transcript=data["transcript"],
        poster=_image(collectivity, f"{data['media']}-poster.png", f"Aperçu – {data['title']}"),
    )
    with open(MEDIA_DIR / f"{data['media']}.mp4", "rb") as video:
        page.video = File(video, name=f"{data['media']}.mp4")
        help_page.add_child(instance=page)
    for language, label in (("fr", "Français"), ("en", "English")):
        with open(MEDIA_DIR / f"{data['media']}.{language}.vtt", "rb") as captions:
            TutorialCaption(
                page=page, language=language, label=label, file=File(captions, name=f"{data['media']}.{language}.vtt")
            ).save()
    return publish(page)


def _steps(language):
    return [{"type": "step", "value": dict(step)} for step in TOUR_STEPS[language]]


def _faq(key, language):
    return [{"type": kind, "value": value} for kind, value in FAQ[key][language]]


def seed(collectivity):
    """Help page with the guide, two tutorials, the tour, the FAQ and the four legal pages, FR and EN."""
    _french, english = locales()
    key = collectivity.key
    texts = HELP[key]
    help_page = demo_page(
        collectivity,
        collectivity.home,
        HelpIndexPage,
        "besoin-d-aide",
        title="Besoin d'aide",
        introduction=texts["introduction"],
    )
    if help_page.guide_document_id is None:
        help_page.guide_document = _guide_document(collectivity)
        publish(help_page)
    demo_translation(
        collectivity, help_page, english, title="Need help?", slug="help", introduction=texts["introduction_en"]
    )

    for data in TUTORIALS[key]:
        tutorial = _tutorial(collectivity, help_page, data)
        if tutorial.get_translation_or_none(english) is None:
            translation_of(
                tutorial,
                english,
                title=data["title_en"],
                slug=data["slug_en"],
                summary=data["summary_en"],
                transcript=data["transcript_en"],
            )

    tour = child_page(
        help_page,
        GuidedTourPage,
        "visite-guidee",
        title="Visite guidée",
        introduction="<p>Soyez guidé dans la saisie de vos données : voici, étape par étape, les zones de votre tableau de bord.</p>",
        steps=_steps("fr"),
    )
    if tour.get_translation_or_none(english) is None:
        translation_of(
            tour,
            english,
            title="Guided tour",
            slug="guided-tour",
            introduction="<p>Be guided as you enter your data: here, step by step, are the areas of your dashboard.</p>",
            steps=_steps("en"),
        )

    faq = child_page(
        help_page,
        FaqPage,
        "questions-frequentes",
        title="Questions fréquentes",
        introduction="<p>Les réponses aux questions que les hébergeurs nous posent le plus souvent.</p>",
        questions=_faq(key, "fr"),
    )
    if faq.get_translation_or_none(english) is None:
        translation_of(
            faq,
            english,
            title="Frequently asked questions",
            slug="faq",
            introduction="<p>Answers to the questions hosts ask us most often.</p>",
            questions=_faq(key, "en"),
        )

    simulator = child_page(
        help_page,
        TaxSimulatorPage,
        "simulateur-taxe-de-sejour",
        title="Simulateur de taxe de séjour",
        introduction=(
            "<p>Choisissez la catégorie de votre hébergement et décrivez un séjour : le simulateur applique "
            "les tarifs votés par la collectivité et vous montre le détail du calcul.</p>"
        ),
    )
    if simulator.get_translation_or_none(english) is None:
        translation_of(
            simulator,
            english,
            title="Tourist tax simulator",
            slug="tourist-tax-simulator",
            introduction=(
                "<p>Choose your accommodation's category and describe a stay: the simulator applies the "
                "tariffs voted by the collectivity and shows how the amount is worked out.</p>"
            ),
        )

    for data in LEGAL:
        page = demo_page(
            collectivity,
            collectivity.home,
            LegalPage,
            data["slug"],
            title=data["title"],
            kind=data["kind"],
            body=data["body"](collectivity),
            last_reviewed=datetime.date(2026, 1, 2),
        )
        demo_translation(
            collectivity,
            page,
            english,
            title=data["title_en"],
            slug=data["slug_en"],
            body=data["body_en"](collectivity),
        )
