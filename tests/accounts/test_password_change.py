"""A logged-in host changes their password on a form (current one, then the new one twice) and stays logged in."""

import html

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, host_account, staff_account

pytestmark = pytest.mark.django_db

CHANGE = reverse("hostspace:password_change")
NEW_PASSWORD = "Une-nouvelle-phrase-2027"


@pytest.fixture
def host(collectivity):
    return host_account(collectivity, email="hote@example.com")


@pytest.fixture
def host_client(client_for, collectivity, host):
    client = client_for(collectivity)
    client.force_login(host)
    return client


def change(client, old=DEFAULT_PASSWORD, new1=NEW_PASSWORD, new2=NEW_PASSWORD):
    return client.post(CHANGE, {"old_password": old, "new_password1": new1, "new_password2": new2})


def text_of(response):
    return html.unescape(response.content.decode())


def test_securite_du_compte_links_to_the_password_form_not_to_a_reset_email(host_client):
    page = host_client.get(reverse("hostspace:security")).content.decode()

    assert f'href="{CHANGE}"' in page and "Changer mon mot de passe" in page


def test_the_form_asks_the_current_password_then_the_new_one_twice(host_client):
    page = text_of(host_client.get(CHANGE))

    for label in ("Mot de passe actuel", "Nouveau mot de passe", "Confirmation du nouveau mot de passe"):
        assert label in page
    assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page


def test_the_host_changes_the_password_and_stays_logged_in(host_client, host):
    response = change(host_client)

    assert response.status_code == 302 and response["Location"] == reverse("hostspace:security")
    host.refresh_from_db()
    assert host.check_password(NEW_PASSWORD)
    assert "Votre mot de passe est changé" in text_of(host_client.get(reverse("hostspace:security")))
    assert host_client.get(reverse("hostspace:dashboard")).status_code == 200  # the session is kept
    assert mail.outbox == []  # no reset email any more


def test_a_wrong_current_password_is_explained_and_no_password_is_echoed(host_client, host):
    response = change(host_client, old="Pas-le-bon-mot-de-passe")

    assert response.status_code == 200
    page = text_of(response)
    assert "Le mot de passe actuel est incorrect." in page
    assert "Pas-le-bon-mot-de-passe" not in page and NEW_PASSWORD not in page
    host.refresh_from_db()
    assert host.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("new1", "new2", "message"),
    [
        (NEW_PASSWORD, NEW_PASSWORD + "x", "Les deux mots de passe ne correspondent pas."),
        ("Court-1", "Court-1", "12 caractères"),
        ("telechargement", "telechargement", "trop courant"),
    ],
)
def test_the_new_password_follows_the_projects_rules(host_client, host, new1, new2, message):
    response = change(host_client, new1=new1, new2=new2)

    assert response.status_code == 200
    assert message in text_of(response)
    host.refresh_from_db()
    assert host.check_password(DEFAULT_PASSWORD)


def test_wrong_current_passwords_are_throttled_per_account(host_client, host):
    for _attempt in range(5):
        change(host_client, old="Pas-le-bon-mot-de-passe")

    response = change(host_client)  # even the right password is not checked now

    assert response.status_code == 429
    assert "Trop d'essais avec un mot de passe actuel erroné" in text_of(response)
    host.refresh_from_db()
    assert host.check_password(DEFAULT_PASSWORD)


def test_the_page_is_for_hosts_only(client_for, collectivity):
    anonymous = client_for(collectivity).get(CHANGE)
    staff = client_for(collectivity)
    staff.force_login(staff_account(collectivity, email="agent@example.com"))

    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("hostspace:login"))
    assert staff.get(CHANGE).status_code == 403
