"""Steps that several browser journeys take: checking a page, setting up TOTP, logging into the admin."""

import re
import time
from base64 import b32decode

from django_otp.oath import TOTP

from tests.factories import DEFAULT_PASSWORD


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
    page.wait_for_url(re.compile(r"/admin/$"))
