"""Users, collectivities (a Wagtail site with its home pages and branding) and the page tree's roots."""

from dataclasses import dataclass

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from portal.models import BrandingSettings, set_support_hours
from portal.pages import translation_of

DEFAULT_PASSWORD = "Un-mot-de-passe-solide-2026"


def ensure_tree_roots():
    """The page and collection roots Wagtail's migrations create; rebuilt after a flush (browser tests)."""
    french, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.com")
    first_name = "Camille"
    last_name = "Martin"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffUserFactory(UserFactory):
    is_staff = True


class LocaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)

    language_code = "fr"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Collectivité {n}")
    slug = factory.Sequence(lambda n: f"collectivite-{n}")
    introduction = "<p>Bienvenue sur le portail de la taxe de séjour.</p>"
    locale = factory.LazyFunction(lambda: LocaleFactory(language_code="fr"))


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("hostname", "port")

    hostname = factory.Sequence(lambda n: f"collectivite{n}.localhost")
    port = 80
    site_name = factory.LazyAttribute(lambda o: o.hostname.split(".")[0])
    root_page = factory.SubFactory(HomePageFactory, parent=factory.LazyFunction(Page.get_first_root_node))
    is_default_site = False


class BrandingSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandingSettings
        django_get_or_create = ("site",)
        skip_postgeneration_save = True

    site = factory.SubFactory(SiteFactory)
    official_name = factory.LazyAttribute(lambda o: f"Communauté de communes {o.site.site_name}")
    short_name = factory.LazyAttribute(lambda o: o.site.site_name)
    primary_colour = "#1d4f91"
    accent_colour = "#005f73"
    support_phone = "04 92 00 00 00"
    support_email = "taxe@example.com"
    postal_address = "Place de la Mairie\n05000 Gap"

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        """The technical service's hours, French and English (``hours=("…", "…")``; ``hours=False`` for none)."""
        if create and extracted is not False:
            french, english = extracted or ("du lundi au vendredi, de 9 h à 12 h", "Monday to Friday, 9 am to 12 pm")
            set_support_hours(obj.site, french, english)


@dataclass
class TenantSite:
    """One collectivity as tests see it: its site, home pages and branding."""

    site: Site
    home: HomePage
    home_en: HomePage
    branding: BrandingSettings

    @property
    def hostname(self):
        return self.site.hostname


def make_collectivity(hostname, name, primary, accent, phone, is_default=False):
    """A collectivity with its FR home page, its EN translation and its branding."""
    french = LocaleFactory(language_code="fr")
    english = LocaleFactory(language_code="en")
    home = HomePageFactory(
        parent=ensure_tree_roots(),
        title=name,
        slug=hostname.split(".")[0],
        locale=french,
        introduction=f"<p>Bienvenue à {name}.</p>",
    )
    site = SiteFactory(hostname=hostname, root_page=home, site_name=name, is_default_site=is_default)
    home_en = translation_of(home, english, introduction=f"<p>Welcome to {name}.</p>")
    branding = BrandingSettingsFactory(
        site=site,
        official_name=f"Communauté de communes {name}",
        short_name=name,
        primary_colour=primary,
        accent_colour=accent,
        support_phone=phone,
    )
    return TenantSite(site=site, home=home, home_en=home_en, branding=branding)
