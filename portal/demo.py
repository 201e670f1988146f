"""Demo content shared by every app: the two collectivities, their sites, branding and staff.

``python manage.py seed_demo`` calls :func:`seed_collectivities` then the
``seed(collectivity)`` of each module in ``DEMO_MODULES``. Every step looks up
what it would create first, so running the command twice changes nothing.
"""

import importlib
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
)

from home.models import HomePage
from portal.models import BrandingSettings

# Each module has a ``seed(collectivity)`` function; they run in this order.
DEMO_MODULES = [
    "home.demo",
    "news.demo",
    "guides.demo",
    "hostspace.demo",
    "hostspace.demo_legacy",
    "hostspace.demo_backoffice",
]


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
            "accent_colour": "#a52a1a",
            "support_phone": "04 92 23 00 00",
            "support_email": "taxedesejour@paysdesecrins.example",
            "support_hours": "du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h",
            "support_hours_en": "Monday to Friday, 9 am to 12 pm and 2 pm to 5 pm",
            "postal_address": "Service taxe de séjour\nPlace de la Mairie\n05340 Pelvoux",
        },
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
            "support_hours": "du lundi au jeudi, de 8 h 30 à 12 h",
            "support_hours_en": "Monday to Thursday, 8.30 am to 12 pm",
            "postal_address": "Service taxe de séjour\n2 rue de la Durance\n05200 Embrun",
        },
        "logo_colour": "#0b6b5d",
        "staff": [
            ("editeur@serreponcon.example", "Demo-editeur-2026!", "Sophie", "Éditrice", "editors"),
            ("agent@serreponcon.example", "Demo-agent-2026!", "Paul", "Agent", "agents"),
        ],
    },
]


def locales():
    """The French and English locales, created if missing."""
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return french, english


def publish(page):
    """Publish the latest state of ``page`` as a revision, as an editor would."""
    page.save_revision().publish()
    return page


def translation_of(page, locale, **fields):
    """The translation of ``page`` in ``locale`` with ``fields`` set and published; created once."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def child_page(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, created and published with ``fields`` if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page)


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


def _staff_groups(spec, site):
    """The editors' and agents' groups of one collectivity, with Wagtail permissions on its tree only."""
    name = spec["branding"]["short_name"]
    editors, _ = Group.objects.get_or_create(name=f"Éditeurs – {name}")
    agents, _ = Group.objects.get_or_create(name=f"Agents – {name}")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=name).first()
    if collection is None:
        collection = root_collection.add_child(name=name)
    for group in (editors, agents):
        group.permissions.add(admin_access)
    # "Traduire" (wagtail-localize) needs this permission, and the translations live
    # in the English tree (a sibling of the French home), so editors get both trees.
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    for home in site.root_page.get_translations(inclusive=True):
        for permission in ("add_page", "change_page", "publish_page", "delete_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=home,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=permission),
            )
    for app_label, codenames in (
        ("wagtaildocs", ("add_document", "change_document", "choose_document")),
        ("wagtailimages", ("add_image", "change_image", "choose_image")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=editors,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
    # The tourist office keeps its own branding (phone, hours, colours) up to date, on its site only.
    GroupSitePermission.objects.get_or_create(
        group=editors,
        site=site,
        permission=Permission.objects.get(content_type__app_label="portal", codename="change_brandingsettings"),
    )
    return editors, agents, collection


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


def _remove_wagtail_welcome_page():
    """Wagtail's first migration creates a placeholder site and page; the demo replaces them."""
    Site.objects.filter(hostname="localhost", root_page__content_type__model="page").delete()
    for page in Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page"):
        page.delete()
    # Its "Editors" and "Moderators" groups hold rights on every collectivity's pages,
    # images and documents: a staff member added to one would see all. Gone while unused.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


@transaction.atomic
def seed_collectivities():
    """Create the demo collectivities; return one :class:`Collectivity` per site."""
    french, english = locales()
    _remove_wagtail_welcome_page()
    root = Page.get_first_root_node()
    result = []
    for spec in COLLECTIVITIES:
        home = HomePage.objects.filter(depth=2, slug=spec["slug"], locale=french).first()
        if home is None:
            home = HomePage(
                title=spec["home_title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                locale=french,
            )
            root.add_child(instance=home)
            publish(home)
        site = Site.objects.filter(hostname=spec["hostname"]).first()
        if site is None:
            site = Site.objects.create(
                hostname=spec["hostname"],
                port=80,
                site_name=spec["branding"]["short_name"],
                root_page=home,
                is_default_site=spec["is_default_site"],
            )
        home_en = translation_of(home, english, title=spec["home_title_en"], introduction=spec["introduction_en"])
        if home_en.slug != spec["slug"] + "-en":
            home_en.slug = spec["slug"] + "-en"
            publish(home_en)
        branding = BrandingSettings.for_site(site)
        # A fresh setting takes all demo values; an existing one only gains the fields it lacks.
        fresh = not branding.official_name
        missing = {name: value for name, value in spec["branding"].items() if fresh or not getattr(branding, name)}
        if missing or not branding.logo_id:
            for name, value in missing.items():
                setattr(branding, name, value)
            branding.logo = branding.logo or _logo(spec)
            branding.full_clean()
            branding.save()
        editors, agents, collection = _staff_groups(spec, site)
        _staff(spec, site, {"editors": editors, "agents": agents})
        result.append(
            Collectivity(
                key=spec["key"],
                hostname=spec["hostname"],
                site=site,
                home=home,
                home_en=home_en,
                branding=branding,
                editors=editors,
                agents=agents,
                extra={"collection": collection},
            )
        )
    return result


def seed_all(stdout=None):
    """Seed the collectivities, then every app's demo content."""
    collectivities = seed_collectivities()
    for name in DEMO_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        for collectivity in collectivities:
            with transaction.atomic():
                module.seed(collectivity)
        if stdout is not None:
            stdout.write(f"  {name}: ok")
    return collectivities
