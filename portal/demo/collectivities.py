"""The two demo collectivities, onboarded as a real one would be, then their demo content.

Each collectivity is created with :func:`portal.collectivities.create_collectivity`
(site, page trees, groups of the three roles), then given its demo branding,
logo and staff; ``portal.demo.seed`` then adds each app's demo content. Every step looks up
what it would create first, so running the command twice changes nothing; the
demo texts fill the onboarding's drafts only when the collectivity is new.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Site,
)

from home.models import HomePage
from portal.collectivities import create_collectivity
from portal.models import BrandingSettings, SupportHours, set_support_hours
from portal.pages import child_page, locales, publish, translation_of
from portal.roles import AGENT, EDITOR

# The port ``make run`` serves on: each demo Site's canonical address (portal.tenancy.base_url) carries it,
# so that a link in an email or a letter opens the running demo.
DEMO_PORT = 8000


@dataclass
class Collectivity:
    """What each app's demo step needs to know about one demo collectivity."""

    key: str
    hostname: str
    site: Site
    home: HomePage
    home_en: HomePage
    branding: BrandingSettings
    editors: Group
    agents: Group
    created: bool = False
    extra: dict = field(default_factory=dict)


COLLECTIVITIES = [
    {
        "key": "ecrins",
        "hostname": "paysdesecrins.localhost",
        "is_default_site": True,
        "home_title": "Pays des Écrins",
        "home_title_en": "Pays des Écrins",
        "slug": "pays-des-ecrins",
        "introduction": (
            "<p>Bienvenue sur le portail de la taxe de séjour de la Communauté de communes du Pays des Écrins. "
            "Hébergeurs, retrouvez ici les actualités, l'aide à la télédéclaration et votre espace hébergeur.</p>"
        ),
        "introduction_en": (
            "<p>Welcome to the tourist tax portal of the Pays des Écrins community of communes. "
            "Hosts will find here the news, help with online declarations and their host space.</p>"
        ),
        "branding": {
            "official_name": "Communauté de communes du Pays des Écrins",
            "short_name": "Pays des Écrins",
            "primary_colour": "#1d4f91",
            "accent_colour": "#005f73",
            "support_phone": "04 92 23 00 00",
            "support_email": "taxedesejour@paysdesecrins.example",
            "postal_address": "Service taxe de séjour\nPlace de la Mairie\n05340 Pelvoux",
        },
        "support_hours": (
            "du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h",
            "Monday to Friday, 9 am to 12 pm and 2 pm to 5 pm",
        ),
        "logo_colour": "#1d4f91",
        "staff": [
            ("editeur@example.com", "Demo-editeur-2026!", "Élise", "Éditrice", "editors"),
            ("agent@example.com", "Demo-agent-2026!", "Antoine", "Agent", "agents"),
        ],
    },
    {
        "key": "serreponcon",
        "hostname": "serreponcon.localhost",
        "is_default_site": False,
        "home_title": "Serre-Ponçon",
        "home_title_en": "Serre-Ponçon",
        "slug": "serre-poncon",
        "introduction": (
            "<p>Bienvenue sur le portail de la taxe de séjour de la Communauté de communes de Serre-Ponçon. "
            "Toutes les informations pour déclarer et reverser la taxe de séjour.</p>"
        ),
        "introduction_en": (
            "<p>Welcome to the tourist tax portal of the Serre-Ponçon community of communes. "
            "Everything you need to declare and pay the tourist tax.</p>"
        ),
        "branding": {
            "official_name": "Communauté de communes de Serre-Ponçon",
            "short_name": "Serre-Ponçon",
            "primary_colour": "#0b6b5d",
            "accent_colour": "#7a3e9d",
            "support_phone": "04 92 44 00 00",
            "support_email": "taxedesejour@serreponcon.example",
            "postal_address": "Service taxe de séjour\n2 rue de la Durance\n05200 Embrun",
        },
        "support_hours": ("du lundi au jeudi, de 8 h 30 à 12 h", "Monday to Thursday, 8.30 am to 12 pm"),
        "logo_colour": "#0b6b5d",
        "staff": [
            ("editeur@serreponcon.example", "Demo-editeur-2026!", "Sophie", "Éditrice", "editors"),
            ("agent@serreponcon.example", "Demo-agent-2026!", "Paul", "Agent", "agents"),
        ],
    },
]


def demo_page(collectivity, parent, model, slug, **fields):
    """The child page ``slug`` with the demo's ``fields``: created if missing, and written over the
    onboarding's page (a draft or an empty section) when the collectivity is new."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        return child_page(parent, model, slug, **fields)
    if collectivity.created:
        for name, value in fields.items():
            setattr(page, name, value)
        publish(page)
    return page


def demo_translation(collectivity, page, locale, **fields):
    """The translation of ``page`` with the demo's ``fields``, written when missing or when the collectivity is new."""
    if collectivity.created or page.get_translation_or_none(locale) is None:
        return translation_of(page, locale, **fields)
    return page.get_translation(locale)


def _logo(spec):
    """A small generated PNG logo for a demo collectivity."""
    image_model = get_image_model()
    title = f"Logo {spec['branding']['short_name']}"
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (160, 160), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((8, 8, 152, 152), fill=spec["logo_colour"])
    draw.polygon([(30, 118), (70, 48), (95, 92), (110, 70), (132, 118)], fill="#ffffff")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = image_model(title=title, collection=Collection.get_first_root_node())
    image.file = ImageFile(buffer, name=f"logo-{spec['key']}.png")
    image.save()
    return image


def _staff(spec, site, groups):
    user_model = get_user_model()
    for email, password, first_name, last_name, group_key in spec["staff"]:
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email=email,
                password=password,
                first_name=first_name,
                last_name=last_name,
                is_staff=True,
                collectivity=site,
            )
        user.groups.add(groups[group_key])


@transaction.atomic
def seed_collectivities():
    """Onboard the demo collectivities; return one :class:`Collectivity` per site."""
    result = []
    for spec in COLLECTIVITIES:
        # A demo loaded before the sites had make run's port: it moves to it (links in emails carry the port).
        Site.objects.filter(hostname=spec["hostname"], port=80).update(port=DEMO_PORT)
        onboarded = create_collectivity(
            spec["home_title"], spec["hostname"], port=DEMO_PORT, is_default=spec["is_default_site"], slug=spec["slug"]
        )
        site, home = onboarded.site, onboarded.home
        if onboarded.created:
            home.introduction = spec["introduction"]
            publish(home)
            translation_of(home, locales()[1], title=spec["home_title_en"], introduction=spec["introduction_en"])
        branding = onboarded.branding
        # A fresh setting takes all demo values; an existing one only gains the fields it lacks.
        fresh = onboarded.created or branding.official_name == spec["home_title"]
        missing = {name: value for name, value in spec["branding"].items() if fresh or not getattr(branding, name)}
        if missing or not branding.logo_id:
            for name, value in missing.items():
                setattr(branding, name, value)
            branding.logo = branding.logo or _logo(spec)
            branding.full_clean()
            branding.save()
        if not SupportHours.objects.filter(site=site).exists():
            set_support_hours(site, *spec["support_hours"])
        _staff(spec, site, onboarded.groups)
        result.append(
            Collectivity(
                key=spec["key"],
                hostname=spec["hostname"],
                site=site,
                home=home,
                home_en=home.get_translation(locales()[1]).specific,
                branding=branding,
                editors=onboarded.groups[EDITOR.key],
                agents=onboarded.groups[AGENT.key],
                created=onboarded.created,
                extra={"collection": onboarded.collection},
            )
        )
    return result
