"""Demo actualités for each collectivity, in French with English translations.

Each collectivity gets its own articles; the technical-service article is
pinned and shows the phone number and hours of the branding settings.
"""

import datetime

from django.utils.text import slugify

from news.models import ArticlePage, NewsIndexPage
from portal.demo.collectivities import demo_page, demo_translation
from portal.pages import child_page, locales, translation_of

TECHNICAL_SERVICE = {
    "slug": "service-technique",
    "title": "Si vous n'arrivez pas à vous connecter, appelez le service technique de votre collectivité…",
    "title_en": "If you cannot log in, call your local authority's technical service…",
    "summary": "Un problème de connexion, un code d'activation perdu, un doute sur votre déclaration : le service technique vous répond.",
    "summary_en": "A login problem, a lost activation code, a question about your declaration: the technical service will answer.",
    "body": (
        "<p>Depuis le 1er janvier 2019, la déclaration et le reversement de la taxe de séjour se font sur "
        "la nouvelle plateforme. Si vous n'arrivez pas à vous connecter, si vous avez perdu le courrier "
        "contenant votre code d'activation ou si votre compte est bloqué, appelez le service technique de "
        "votre collectivité.</p><p>Munissez-vous de votre adresse électronique et, si possible, du numéro "
        "de votre hébergement.</p>"
    ),
    "body_en": (
        "<p>Since 1 January 2019, the tourist tax is declared and paid on the new platform. If you cannot "
        "log in, have lost the letter with your activation code or your account is locked, call your local "
        "authority's technical service.</p><p>Have your email address and, if possible, your "
        "accommodation number at hand.</p>"
    ),
}

ARTICLES = {
    "ecrins": [
        {
            "slug": "ouverture-des-declarations-2026",
            "date": datetime.date(2026, 1, 5),
            "title": "Les déclarations 2026 sont ouvertes",
            "title_en": "2026 declarations are open",
            "summary": "Déclarez chaque mois vos nuitées sur la plateforme : la première échéance est fixée au 15 février.",
            "summary_en": "Declare your nights every month on the platform: the first deadline is 15 February.",
            "body": "<p>La Communauté de communes du Pays des Écrins ouvre les déclarations de l'année 2026. Les nuitées de janvier sont à déclarer avant le 15 février.</p>",
            "body_en": "<p>The Pays des Écrins community of communes opens the 2026 declarations. January nights must be declared before 15 February.</p>",
        },
        {
            "slug": "nouveaux-tarifs-2026",
            "date": datetime.date(2025, 12, 12),
            "title": "Les tarifs de la taxe de séjour pour 2026",
            "title_en": "Tourist tax rates for 2026",
            "summary": "Le conseil communautaire a voté les tarifs applicables au 1er janvier 2026, par catégorie d'hébergement.",
            "summary_en": "The community council has voted the rates that apply from 1 January 2026, by type of accommodation.",
            "body": "<p>Les tarifs par personne et par nuit sont disponibles dans « Le guide de la télédéclaration ». Ils sont appliqués automatiquement lors de vos déclarations.</p>",
            "body_en": "<p>Rates per person and per night are listed in the declaration guide. They are applied automatically when you declare.</p>",
        },
        {
            "slug": "saison-hiver-vallouise",
            "date": datetime.date(2025, 11, 20),
            "title": "Saison d'hiver : pensez à mettre à jour vos hébergements",
            "title_en": "Winter season: remember to update your accommodation",
            "summary": "Capacité, période d'ouverture, classement : vérifiez vos informations avant l'arrivée des skieurs.",
            "summary_en": "Capacity, opening period, classification: check your details before the skiers arrive.",
            "body": "<p>À Vallouise-Pelvoux comme à Puy-Saint-Vincent, les stations ouvrent mi-décembre. Vérifiez dans votre tableau de bord la capacité et la période d'ouverture de chaque hébergement.</p>",
            "body_en": "<p>In Vallouise-Pelvoux and Puy-Saint-Vincent, resorts open in mid-December. Check the capacity and opening period of each accommodation on your dashboard.</p>",
        },
        {
            "slug": "classement-meubles-tourisme",
            "date": datetime.date(2025, 10, 2),
            "title": "Meublés de tourisme : transmettez votre décision de classement",
            "title_en": "Furnished tourist lets: send us your classification decision",
            "summary": "Un hébergement classé bénéficie d'un tarif fixe : déposez la décision de classement dans votre espace.",
            "summary_en": "A classified accommodation benefits from a fixed rate: upload the classification decision in your space.",
            "body": "<p>Depuis votre tableau de bord, rubrique « Mes classements », déposez la décision de classement au format PDF. Le service la vérifie sous quinze jours.</p>",
            "body_en": "<p>From your dashboard, under “My classifications”, upload the classification decision as a PDF. The service checks it within a fortnight.</p>",
        },
        {
            "slug": "bilan-ete-2025",
            "date": datetime.date(2025, 9, 15),
            "title": "Bilan de l'été 2025 : merci aux hébergeurs",
            "title_en": "Summer 2025: thank you to our hosts",
            "summary": "La taxe de séjour collectée finance l'entretien des sentiers et l'accueil touristique du territoire.",
            "summary_en": "The tourist tax collected funds the upkeep of footpaths and tourist information in the area.",
            "body": "<p>Grâce à vos déclarations, 42 km de sentiers ont été entretenus cet été et le bureau d'information de Pelvoux a prolongé ses horaires.</p>",
            "body_en": "<p>Thanks to your declarations, 42 km of footpaths were maintained this summer and the Pelvoux information office extended its opening hours.</p>",
        },
    ],
    "serreponcon": [
        {
            "slug": "declarations-du-lac",
            "date": datetime.date(2026, 1, 8),
            "title": "Hébergeurs du lac : vos déclarations 2026 en ligne",
            "title_en": "Lakeside hosts: your 2026 declarations online",
            "summary": "Chaque trimestre, déclarez vos nuitées sur la plateforme de Serre-Ponçon avant le 20 du mois suivant.",
            "summary_en": "Every quarter, declare your nights on the Serre-Ponçon platform before the 20th of the following month.",
            "body": "<p>La Communauté de communes de Serre-Ponçon collecte la taxe de séjour par trimestre. Le premier trimestre 2026 est à déclarer avant le 20 avril.</p>",
            "body_en": "<p>The Serre-Ponçon community of communes collects the tourist tax quarterly. The first quarter of 2026 must be declared before 20 April.</p>",
        },
        {
            "slug": "campings-et-aires",
            "date": datetime.date(2025, 12, 1),
            "title": "Campings et aires de camping-cars : ce qui change",
            "title_en": "Campsites and motorhome areas: what changes",
            "summary": "Les aires de camping-cars déclarent désormais leurs nuitées comme les campings classés 1 et 2 étoiles.",
            "summary_en": "Motorhome areas now declare their nights like 1 and 2-star campsites.",
            "body": "<p>La délibération du 14 novembre 2025 aligne le tarif des aires de camping-cars sur celui des campings 1 et 2 étoiles.</p>",
            "body_en": "<p>The decision of 14 November 2025 aligns the motorhome area rate with that of 1 and 2-star campsites.</p>",
        },
        {
            "slug": "fermeture-fin-annee",
            "date": datetime.date(2025, 12, 18),
            "title": "Fermeture du service pendant les fêtes",
            "title_en": "Service closed over the holidays",
            "summary": "Le service taxe de séjour sera fermé du 24 décembre au 2 janvier ; la plateforme reste ouverte.",
            "summary_en": "The tourist tax office will be closed from 24 December to 2 January; the platform stays open.",
            "body": "<p>Vous pouvez déclarer et payer en ligne pendant la fermeture. Les demandes reçues seront traitées dès le 5 janvier.</p>",
            "body_en": "<p>You can declare and pay online during the closure. Requests received will be handled from 5 January.</p>",
        },
        {
            "slug": "paiement-en-ligne",
            "date": datetime.date(2025, 10, 10),
            "title": "Le paiement en ligne arrive sur la plateforme",
            "title_en": "Online payment comes to the platform",
            "summary": "Reversez la taxe de séjour par carte bancaire ou prélèvement, directement après votre déclaration.",
            "summary_en": "Pay the tourist tax by card or direct debit, right after your declaration.",
            "body": "<p>Après validation de votre déclaration, un bouton « Payer » vous propose le paiement sécurisé. Le chèque reste accepté.</p>",
            "body_en": "<p>Once your declaration is submitted, a “Pay” button offers secure payment. Cheques are still accepted.</p>",
        },
        {
            "slug": "reunion-information-embrun",
            "date": datetime.date(2025, 9, 3),
            "title": "Réunion d'information à Embrun le 25 septembre",
            "title_en": "Information meeting in Embrun on 25 September",
            "summary": "Venez découvrir la plateforme et poser vos questions au service taxe de séjour.",
            "summary_en": "Come and discover the platform and ask the tourist tax office your questions.",
            "body": "<p>Rendez-vous salle de la Manutention, à Embrun, le 25 septembre à 18 h. Entrée libre.</p>",
            "body_en": "<p>Meet us at the Manutention hall in Embrun on 25 September at 6 pm. Free entry.</p>",
        },
    ],
}

INDEX = {
    "ecrins": {
        "introduction": "<p>Les informations du Pays des Écrins sur la taxe de séjour : échéances, tarifs, nouveautés.</p>",
        "introduction_en": "<p>News from the Pays des Écrins about the tourist tax: deadlines, rates, what's new.</p>",
    },
    "serreponcon": {
        "introduction": "<p>Les informations de Serre-Ponçon sur la taxe de séjour : échéances, tarifs, nouveautés.</p>",
        "introduction_en": "<p>News from Serre-Ponçon about the tourist tax: deadlines, rates, what's new.</p>",
    },
}


def _illustration(collectivity, colour):
    """A small generated landscape (mountains under the sky) for the first demo article."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    image_model = get_image_model()
    collection = collectivity.extra["collection"]
    title = f"Paysage – {collectivity.branding.short_name}"
    image = image_model.objects.filter(title=title, collection=collection).first()
    if image is None:
        canvas = Image.new("RGB", (960, 400), "#cfe3f5")
        draw = ImageDraw.Draw(canvas)
        draw.polygon(
            [(0, 400), (0, 260), (180, 90), (330, 230), (480, 60), (700, 250), (820, 150), (960, 240), (960, 400)],
            fill=colour,
        )
        draw.polygon([(150, 118), (180, 90), (212, 120), (195, 128), (180, 118), (165, 128)], fill="#ffffff")
        draw.polygon([(445, 98), (480, 60), (520, 100), (498, 110), (480, 98), (462, 110)], fill="#ffffff")
        draw.rectangle((0, 360, 960, 400), fill="#4f7a3a")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG", optimize=True)
        image = image_model(title=title, collection=collection)
        image.file = ImageFile(buffer, name=f"paysage-{collectivity.key}.png")
        image.save()
    return image


def _english(data):
    return {key[: -len("_en")]: value for key, value in data.items() if key.endswith("_en")}


def _french(data):
    return {key: value for key, value in data.items() if not key.endswith("_en") and key != "slug"}


def seed(collectivity):
    """The news index, five articles and the pinned technical-service article, in French and English."""
    _french_locale, english = locales()
    texts = INDEX[collectivity.key]
    index = demo_page(
        collectivity,
        collectivity.home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        introduction=texts["introduction"],
    )
    demo_translation(collectivity, index, english, title="News", slug="news", introduction=texts["introduction_en"])

    technical = child_page(
        index,
        ArticlePage,
        TECHNICAL_SERVICE["slug"],
        date=datetime.date(2026, 1, 2),
        pinned=True,
        show_support_contact=True,
        **_french(TECHNICAL_SERVICE),
    )
    articles = [technical]
    for number, data in enumerate(ARTICLES[collectivity.key]):
        extra = {}
        if number == 0:
            extra = {
                "image": _illustration(collectivity, collectivity.branding.primary_colour),
                "image_alt": "",  # decorative: the title says it all
            }
        articles.append(child_page(index, ArticlePage, data["slug"], **_french(data), **extra))

    english_texts = {TECHNICAL_SERVICE["slug"]: TECHNICAL_SERVICE}
    english_texts.update({data["slug"]: data for data in ARTICLES[collectivity.key]})
    for article in articles:
        if article.get_translation_or_none(english) is None:
            data = english_texts[article.slug]
            translation_of(article, english, slug=slugify(data["title_en"])[:80], **_english(data))
