"""A host logs into the host space of their collectivity, and only there."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.login_forms import GENERIC_ERROR, LOGIN, login_data, text_of
from tests.factories import DEFAULT_PASSWORD, HostFactory, host_account, staff_account

pytestmark = pytest.mark.django_db


def test_login_page_shows_the_seed_labels_and_panels(client_for, collectivity):
    response = client_for(collectivity).get(LOGIN)
    assert response.status_code == 200
    page = text_of(response)
    for label in (
        "Identifiant (Courriel)",
        "Mot de passe",
        "Se souvenir de moi",
        "Mot de passe oublié ?",
        "Se connecter",
        "Vous avez déjà un compte sur la plateforme avant le 1er janvier 2019 ?",
        "Vous devez réinitialiser votre mot de passe pour accéder à votre nouvel espace hébergeur.",
        "Vous avez réinitialisé votre mot de passe ou vous avez activé votre compte ?",
        "Connectez-vous à votre espace hébergeur.",
        "C'est votre première connexion à la plateforme ?",
    ):
        assert label in page, label
    assert f'href="{reverse("hostspace:password_reset")}"' in page


def test_login_page_links_to_account_activation(client_for, collectivity):
    page = text_of(client_for(collectivity).get(LOGIN))
    activation = reverse("hostspace:activate")
    assert "Activer mon compte" in page
    assert f'href="{activation}"' in page


def test_login_page_is_in_english_under_en(client_for, collectivity):
    response = client_for(collectivity).get("/en" + LOGIN)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Remember me" in text_of(response)


def test_host_logs_in_and_lands_on_the_dashboard(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    response = client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")
    assert client.session["_auth_user_id"]


def test_email_is_not_case_sensitive(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    response = client_for(collectivity).post(LOGIN, login_data("  HOTE@Example.com ", DEFAULT_PASSWORD))
    assert response.status_code == 302


def test_without_remember_me_the_session_ends_with_the_browser(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    response = client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
    assert client.session.get_expire_at_browser_close() is True
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]


def test_with_remember_me_the_session_lasts_thirty_days(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    response = client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD, remember=True))
    assert client.session.get_expire_at_browser_close() is False
    assert client.session.get_expiry_age() == 30 * 24 * 60 * 60
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 30 * 24 * 60 * 60


def test_safe_next_is_respected_and_foreign_next_ignored(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    response = client_for(collectivity).post(
        LOGIN + "?next=/espace-hebergeur/securite/", login_data("hote@example.com", DEFAULT_PASSWORD)
    )
    assert response["Location"] == "/espace-hebergeur/securite/"
    response = client_for(collectivity).post(
        LOGIN + "?next=https://evil.example/", login_data("hote@example.com", DEFAULT_PASSWORD)
    )
    assert response["Location"] == reverse("hostspace:dashboard")


@pytest.mark.parametrize("case", ["wrong password", "unknown email", "other collectivity", "staff", "inactive"])
def test_every_refusal_reads_the_same(client_for, collectivity, other_collectivity, case):
    host_account(collectivity, email="hote@example.com")
    host_account(other_collectivity, email="voisin@example.com")
    staff_account(collectivity, email="agent@example.com")
    host_account(collectivity, email="parti@example.com", is_active=False)
    email, password = {
        "wrong password": ("hote@example.com", "pas-le-bon-mot-de-passe"),
        "unknown email": ("personne@example.com", DEFAULT_PASSWORD),
        "other collectivity": ("voisin@example.com", DEFAULT_PASSWORD),
        "staff": ("agent@example.com", DEFAULT_PASSWORD),
        "inactive": ("parti@example.com", DEFAULT_PASSWORD),
    }[case]
    client = client_for(collectivity)
    response = client.post(LOGIN, login_data(email, password))
    assert response.status_code == 200
    page = text_of(response)
    assert GENERIC_ERROR in page
    assert "Vous devez réinitialiser votre mot de passe pour accéder" in page  # the panel, always there
    assert "_auth_user_id" not in client.session
    # The email typed is kept, the password never is.
    assert f'value="{email}"' in page
    assert password not in page


def test_refusal_pages_are_identical_apart_from_the_email_and_csrf(client_for, collectivity, other_collectivity):
    host_account(collectivity, email="hote@example.com")
    host_account(other_collectivity, email="voisin@example.com")

    def page_for(email, password):
        content = text_of(client_for(collectivity).post(LOGIN, login_data(email, password)))
        content = content.replace(email, "EMAIL")
        return [line for line in content.splitlines() if "csrfmiddlewaretoken" not in line]

    wrong_password = page_for("hote@example.com", "mauvais-mot-de-passe")
    assert page_for("inconnu@example.com", DEFAULT_PASSWORD) == wrong_password
    assert page_for("voisin@example.com", DEFAULT_PASSWORD) == wrong_password


def test_a_host_of_two_collectivities_logs_in_on_both(client_for, collectivity, other_collectivity):
    user = host_account(collectivity, email="double@example.com")
    HostFactory(site=other_collectivity.site, user=user)
    for tenant in (collectivity, other_collectivity):
        assert client_for(tenant).post(LOGIN, login_data("double@example.com", DEFAULT_PASSWORD)).status_code == 302


def test_errors_are_summarised_and_fields_marked_invalid(client_for, collectivity):
    response = client_for(collectivity).post(LOGIN, login_data("", ""))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-errors"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_auth-username_error"' in page


def test_logged_in_host_opening_the_login_page_goes_to_the_dashboard(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")


def test_logout_is_by_post_only(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    logout = reverse("hostspace:logout")
    assert client.get(logout).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(logout)
    assert response.status_code == 200
    assert "Vous êtes déconnecté" in text_of(response)
    assert "_auth_user_id" not in client.session


def test_dashboard_requires_login_and_sends_back_to_the_login_page(client_for, collectivity):
    response = client_for(collectivity).get(reverse("hostspace:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hostspace:login") + "?next=")
