"""Steps that several browser journeys take: checking a page, setting up TOTP, logging into the admin."""

import re
import time
from base64 import b32decode
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django_otp.oath import TOTP
from wagtail.users.models import UserProfile

from guides.models import TutorialCaption
from portal.pages import translation_of
from tests.factories import (
    DEFAULT_PASSWORD,
    ArticlePageFactory,
    FaqPageFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    TutorialPageFactory,
    tour_steps_value,
)


def assert_accessible(page, axe):
    """Once the page is loaded: no axe-core violation, nothing requested from outside."""
    page.wait_for_load_state("networkidle")
    assert axe(page) == [], page.url
    assert page.outside_requests == [], page.url


def code_for(secret, steps_ahead=0):
    totp = TOTP(b32decode(secret))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def set_up_totp(page, axe):
    """From the first page of the setup wizard to its end; return the secret key."""
    assert_accessible(page, axe)
    page.get_by_role("button", name="Continuer").click()
    secret = page.locator("[data-secret-key]").inner_text().strip()
    assert page.locator("img[src$='/qrcode/']").is_visible()
    assert_accessible(page, axe)
    page.get_by_label("Code de vérification").fill(code_for(secret))
    page.get_by_role("button", name="Continuer").click()
    return secret


def note_backup_codes_and_continue(page, axe):
    """The page after the setup: ten backup codes to note, then « Continuer » to where the person was going."""
    page.wait_for_url(re.compile(r"/securite/double-authentification/activee/"))
    assert page.locator(".accounts__codes code").count() == 10
    assert_accessible(page, axe)
    page.get_by_role("link", name="Continuer").click()


def csp_reports(page):
    """The console messages of ``page`` that report a block by the Content Security Policy, as they come."""
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    return blocked


def log_in_to_the_admin(page, axe, email):
    """A staff member's first login: password, then the TOTP setup the admin requires, then the admin."""
    page.goto("/securite/connexion/?next=/admin/")
    page.get_by_label("Identifiant (Courriel)").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/securite/double-authentification/activer/"))
    set_up_totp(page, axe)
    note_backup_codes_and_continue(page, axe)
    page.wait_for_url(re.compile(r"/admin/$"))


def audit_in_both_languages(page, axe, user, paths):
    """Run :func:`audit` in French, then in English; every problem is prefixed with its language."""
    blocked = csp_reports(page)
    problems = []
    profile = UserProfile.get_for_user(user)
    for language in LANGUAGES:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
        page.goto("/admin/")
        lang = page.locator("html").get_attribute("lang")
        if lang != language:  # the switch itself must work, or the English pass would audit French pages
            problems.append(f"[{language}] /admin/ is in {lang!r}")
        problems.extend(f"[{language}] {problem}" for problem in audit(page, axe, blocked, paths))
    return problems


DASHBOARD = "/espace-hebergeur/tableau-de-bord/"


def log_in(page, email="hote@example.com"):
    page.goto("/espace-hebergeur/")
    page.get_by_label("Identifiant (Courriel)").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/tableau-de-bord/"))


def field(scope, label):
    """The form control labelled exactly ``label``: Wagtail adds « * » to required fields' labels, and
    labels its panels' sections and toggles with the field's label too."""
    labelled = scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))
    return labelled.and_(scope.locator("input, select, textarea"))


def build_portal(tenant, english, prefix):
    """News, help, a real captioned tutorial, tour, FAQ and legal pages, with English translations."""
    news = NewsIndexPageFactory(parent=tenant.home)
    news_en = translation_of(news, english, title="News", slug="news")
    pinned = ArticlePageFactory(
        parent=news,
        slug="service-technique",
        title=f"{prefix} : appelez le service technique",
        pinned=True,
        show_support_contact=True,
    )
    translation_of(pinned, english, title=f"{prefix}: call the technical service", slug="technical-service")
    for number in range(3):
        ArticlePageFactory(parent=news, title=f"{prefix} actualité {number}")

    help_page = HelpIndexPageFactory(parent=tenant.home, guide_document=GuideDocumentFactory())
    translation_of(help_page, english, title="Need help?", slug="help")
    tutorial = TutorialPageFactory(
        parent=help_page,
        slug="declarer",
        title=f"{prefix} : déclarer vos nuitées",
        video=ContentFile((DEMO_MEDIA / "declarer-nuitees.mp4").read_bytes(), name="declarer-nuitees.mp4"),
        with_captions=False,
    )
    for language, label in (("fr", "Français"), ("en", "English")):
        TutorialCaption.objects.create(
            page=tutorial,
            language=language,
            label=label,
            file=ContentFile((DEMO_MEDIA / f"declarer-nuitees.{language}.vtt").read_bytes(), name=f"{language}.vtt"),
        )
    translation_of(tutorial, english, title=f"{prefix}: declare your nights", slug="declare")
    tour = GuidedTourPageFactory(parent=help_page, steps=tour_steps_value())
    translation_of(tour, english, title="Guided tour", slug="tour")
    faq = FaqPageFactory(parent=help_page)
    translation_of(faq, english, title="FAQ", slug="faq")
    legal = LegalPageFactory(parent=tenant.home, kind="accessibility", title="Accessibilité : partiellement conforme")
    translation_of(legal, english, title="Accessibility: partially compliant", slug="accessibility")
    return news_en


LANGUAGES = ("fr", "en")


def audit(page, axe, blocked, paths):
    """Visit ``paths`` in the staff member's current admin language; return one line per problem found."""
    problems = []
    for path in paths:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
            continue
        if urlsplit(page.url).path != urlsplit(path).path:  # refused pages redirect to the dashboard or login
            problems.append(f"{path}: sent to {page.url}")
            continue
        problems.extend(f"{path}: {violation}" for violation in axe(page))
        problems.extend(f"{path}: outside request {url}" for url in page.outside_requests)
        page.outside_requests.clear()
        problems.extend(f"{path}: {report}" for report in blocked)
        blocked.clear()
    return problems


DEMO_MEDIA = Path(__file__).resolve().parents[2] / "portal" / "demo" / "media"
