"""A host activates their account with the letter's code, accepts the terms, and lands on the dashboard.

In Chromium, in French and in English, with axe-core on the activation and terms
pages (also in their error states) and nothing loaded from outside.
"""

import re

import pytest

from hostspace.accounts import activation
from hostspace.terms.models import TermsAcceptance
from tests.browser.steps import assert_accessible
from tests.factories import AccommodationFactory, HostFactory, TermsVersionFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Montagne-Ecrins-2026!"

LABELS = {
    "fr": {
        "prefix": "",
        "code": "Code d'activation",
        "email": "Courriel",
        "password": "Mot de passe",
        "confirmation": "Confirmation du mot de passe",
        "activate": "Activer mon compte",
        "cgu": "Accepter les conditions générales d'utilisation*",
        "privacy": "Accepter la politique de confidentialité*",
        "confirm": "Valider",
        "heading": "Bienvenue sur votre tableau de bord",
        "privacy_required": "Vous devez accepter la politique de confidentialité.",
    },
    "en": {
        "prefix": "/en",
        "code": "Activation code",
        "email": "Email",
        "password": "Password",
        "confirmation": "Confirm the password",
        "activate": "Activate my account",
        "cgu": "Accept the terms of use*",
        "privacy": "Accept the privacy policy*",
        "confirm": "Confirm",
        "heading": "Welcome to your dashboard",
        "privacy_required": "You must accept the privacy policy.",
    },
}


@pytest.fixture
def ecrins(ecrins):
    """Pays des Écrins with its first CGU and privacy policy in force."""
    TermsVersionFactory(site=ecrins.site, kind="cgu", label="CGU v1")
    TermsVersionFactory(site=ecrins.site, kind="privacy", label="Confidentialité v1")
    return ecrins


@pytest.mark.parametrize("language", ["fr", "en"])
def test_host_activates_with_the_letter_code_accepts_the_terms_and_reaches_the_dashboard(
    ecrins, page_factory, axe, language
):
    text = LABELS[language]
    host = HostFactory(site=ecrins.site, last_name="Invité")
    AccommodationFactory(host=host, name="Gîte de la Bérarde", furnished=True)
    code = activation.issue_code(host)
    page = page_factory()

    page.goto(text["prefix"] + "/espace-hebergeur/activer/")
    assert page.get_by_role("heading", level=1).inner_text() == text["activate"]
    assert_accessible(page, axe)

    # A mistyped code: the error is announced, summarised and linked to the field.
    page.get_by_label(text["code"]).fill("ABCD-EFGH-JKMN-PQRS")
    page.get_by_label(text["email"], exact=True).fill("nouvel.hote@example.com")
    page.get_by_label(text["password"], exact=True).fill(PASSWORD)
    page.get_by_label(text["confirmation"]).fill(PASSWORD)
    page.get_by_role("button", name=text["activate"]).click()
    page.wait_for_load_state()
    assert page.get_by_label(text["code"]).get_attribute("aria-invalid") == "true"
    assert page.get_by_label(text["email"], exact=True).input_value() == "nouvel.hote@example.com"
    assert page.get_by_label(text["password"], exact=True).input_value() == ""
    assert_accessible(page, axe)

    # The real code, typed in lower case with spaces.
    page.get_by_label(text["code"]).fill(code.lower().replace("-", " "))
    page.get_by_label(text["password"], exact=True).fill(PASSWORD)
    page.get_by_label(text["confirmation"]).fill(PASSWORD)
    page.get_by_role("button", name=text["activate"]).click()
    page.wait_for_url(re.compile(r"/espace-hebergeur/conditions/$"))
    assert_accessible(page, axe)

    # Only one box ticked: refused, nothing recorded.
    page.get_by_label(text["cgu"]).check()
    page.get_by_role("button", name=text["confirm"]).click()
    page.wait_for_load_state()
    assert text["privacy_required"] in page.content()
    assert_accessible(page, axe)
    assert not TermsAcceptance.objects.exists()

    page.get_by_label(text["cgu"]).check()
    page.get_by_label(text["privacy"]).check()
    page.get_by_role("button", name=text["confirm"]).click()
    page.wait_for_url(re.compile(r"/tableau-de-bord/"))
    assert page.get_by_role("heading", level=1).inner_text() == text["heading"]
    assert TermsAcceptance.objects.filter(user__email="nouvel.hote@example.com").count() == 2
