"""Onboarding a collectivity: its site, page trees, branding, staff groups, first terms draft, administrator.

:func:`create_collectivity` is what ``manage.py create_collectivity`` runs. It
looks up everything before creating it, so running it again for the same host
name changes nothing and completes what a previous run left undone. Legal
pages and the first CGU and privacy texts are created as drafts: the
collectivity reviews and publishes them.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from guides.models import HelpIndexPage, LegalPage
from home.models import HomePage
from hostspace.terms.models import TermsVersion
from news.models import NewsIndexPage
from portal import roles
from portal.models import BrandingSettings
from portal.pages import child_page, locales, publish, translation_of
from portal.tenancy import base_url as canonical_url

# (model, French slug and title, English slug and title, extra fields): published sections of every site.
SECTIONS = [
    (NewsIndexPage, ("actualites", "Actualités"), ("news", "News")),
    (HelpIndexPage, ("besoin-d-aide", "Besoin d'aide"), ("help", "Need help?")),
]
LEGAL_PAGES = [
    (LegalPage.KIND_MENTIONS, ("mentions-legales", "Mentions légales"), ("legal-notice", "Legal notice")),
    (LegalPage.KIND_ACCESSIBILITY, ("accessibilite", "Accessibilité"), ("accessibility", "Accessibility")),
    (
        LegalPage.KIND_CGU,
        ("conditions-generales-d-utilisation", "Conditions générales d'utilisation"),
        ("terms-of-use", "Terms of use"),
    ),
    (
        LegalPage.KIND_PRIVACY,
        ("politique-de-confidentialite", "Politique de confidentialité"),
        ("privacy-policy", "Privacy policy"),
    ),
]
DRAFT_TEXT = "<p>Texte à rédiger par la collectivité avant publication.</p>"
DRAFT_TEXT_EN = "<p>Text to be written by the collectivity before publication.</p>"


@dataclass
class Collectivity:
    """One collectivity as the onboarding left it."""

    site: Site
    home: HomePage
    home_en: HomePage
    branding: BrandingSettings
    collection: Collection
    groups: dict
    created: bool
    administrator: object = None


def remove_wagtail_placeholder():
    """Wagtail's first migration creates a placeholder site, page and two installation-wide groups.

    The collectivities replace the site and page; the "Editors" and "Moderators"
    groups hold rights on every collectivity's pages and media, so they go while unused.
    """
    Site.objects.filter(
        root_page__content_type__app_label="wagtailcore", root_page__content_type__model="page"
    ).delete()
    for page in Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page"):
        page.delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


def draft_child(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, created as an unpublished draft if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision()
    return page


def draft_translation(page, locale, **fields):
    """The translation of ``page`` in ``locale``, created unpublished if missing."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True).specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.draft_title = translation.title
        translation.save()
        translation.save_revision()
    return translation


def _home(name, slug):
    french, english = locales()
    home = HomePage.objects.filter(depth=2, slug=slug, locale=french).first()
    if home is None:
        home = HomePage(
            title=name,
            slug=slug,
            locale=french,
            introduction=f"<p>Bienvenue sur le portail de la taxe de séjour de {name}.</p>",
        )
        Page.get_first_root_node().add_child(instance=home)
        publish(home)
    home_en = home.get_translation_or_none(english)
    if home_en is None:
        home_en = translation_of(
            home, english, slug=f"{slug}-en", introduction=f"<p>Welcome to the tourist tax portal of {name}.</p>"
        )
    return home, home_en.specific


def _tree(home):
    _french, english = locales()
    for model, (slug, title), (slug_en, title_en) in SECTIONS:
        page = child_page(home, model, slug, title=title)
        if page.get_translation_or_none(english) is None:
            translation_of(page, english, title=title_en, slug=slug_en)
    for kind, (slug, title), (slug_en, title_en) in LEGAL_PAGES:
        page = draft_child(home, LegalPage, slug, title=title, kind=kind, body=DRAFT_TEXT)
        draft_translation(page, english, title=title_en, slug=slug_en, body=DRAFT_TEXT_EN)


def _collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def _terms_drafts(site):
    for kind in (TermsVersion.Kind.TERMS, TermsVersion.Kind.PRIVACY):
        if not TermsVersion.objects.filter(site=site, kind=kind).exists():
            TermsVersion.objects.create(site=site, kind=kind, label="Version 1 – projet", text=DRAFT_TEXT)


def invite_administrator(site, email, group, base_url):
    """The administrator's staff account (created without a password) and the email to choose one."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:  # invited by an earlier run, or an existing staff member
        user.groups.add(group)
        return user
    user = user_model.objects.create_user(email=email, password=None, is_staff=True, collectivity=site)
    user.groups.add(group)
    link = base_url + reverse(
        "hostspace:password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    send_mail(
        subject=f"Votre accès à l'administration du portail de la taxe de séjour – {site.site_name}",
        message=render_to_string("portal/email/administrator_invitation.txt", {"site": site, "link": link}),
        from_email=None,
        recipient_list=[user.email],
    )
    return user


@transaction.atomic
def create_collectivity(name, hostname, port=80, admin_email=None, is_default=False, base_url=None, slug=None):
    """Create, or complete, the collectivity served at ``hostname``; see the module docstring."""
    remove_wagtail_placeholder()
    slug = slug or slugify(name)[:50] or slugify(hostname)
    site = Site.objects.filter(hostname=hostname, port=port).first()
    created = site is None
    if created:
        home, home_en = _home(name, slug)
        site = Site.objects.create(
            hostname=hostname, port=port, site_name=name, root_page=home, is_default_site=is_default
        )
    else:
        home = site.root_page.specific
        home_en = home.get_translation_or_none(locales()[1]) or _home(name, home.slug)[1]
    _tree(home)
    branding = BrandingSettings.for_site(site)
    if not branding.official_name:
        branding.official_name = name
        branding.short_name = branding.short_name or name
        branding.save()
    collection = _collection(name)
    groups = roles.grant_roles(site, collection)
    _terms_drafts(site)
    administrator = None
    if admin_email:
        base = base_url or canonical_url(site)
        administrator = invite_administrator(site, admin_email, groups[roles.ADMINISTRATOR.key], base)
    home_en = home.get_translation(locales()[1]).specific
    return Collectivity(site, home, home_en, branding, collection, groups, created, administrator)
