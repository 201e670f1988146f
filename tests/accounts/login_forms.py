"""The host's login and password-reset forms as a browser posts them, and their answers as a person reads them."""

import html
import re

LOGIN = "/espace-hebergeur/"
STAFF_LOGIN = "/securite/connexion/"
RESET = "/espace-hebergeur/mot-de-passe-oublie/"
GENERIC_ERROR = "Identifiant ou mot de passe incorrect."
NEW_PASSWORD = "Glacier-Blanc-2026-Ecrins"


def login_data(email, password, remember=False, **extra):
    data = {"host_login_view-current_step": "auth", "auth-username": email, "auth-password": password}
    if remember:
        data["auth-remember_me"] = "on"
    data.update(extra)
    return data


def text_of(response):
    return html.unescape(response.content.decode())


def request_reset(client, email):
    return client.post(RESET, {"email": email}, follow=True)


def reset_link(message, hostname):
    match = re.search(rf"https?://{re.escape(hostname)}(?::\d+)?(/\S+/reinitialiser/\S+/)", message.body)
    assert match, message.body
    return match.group(1)
