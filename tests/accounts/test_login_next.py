"""After logging in, ``?next=`` is followed only to a page of this site that exists; anything else leads home."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEFAULT_PASSWORD, host_account, staff_account

pytestmark = pytest.mark.django_db

HOST_LOGIN = "/espace-hebergeur/"
STAFF_LOGIN = "/securite/connexion/"
UNFOLLOWABLE = ["abc", "tableau-de-bord", "https://evil.example/", "//evil.example/", "javascript:alert(1)", "/../x"]


def host_login(client, next_url, login_url=HOST_LOGIN):
    return client.post(
        f"{login_url}?next={next_url}",
        {
            "host_login_view-current_step": "auth",
            "auth-username": "hote@example.com",
            "auth-password": DEFAULT_PASSWORD,
        },
    )


@pytest.mark.parametrize("next_url", UNFOLLOWABLE)
def test_a_host_logging_in_with_an_unusable_next_lands_on_the_dashboard(client_for, collectivity, next_url):
    host_account(collectivity, email="hote@example.com")

    response = host_login(client_for(collectivity), next_url)

    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")


def test_a_host_logging_in_with_a_page_of_the_site_as_next_goes_there(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")

    response = host_login(client_for(collectivity), "/espace-hebergeur/securite/")

    assert response["Location"] == "/espace-hebergeur/securite/"


def test_an_english_next_is_followed_from_the_english_login(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")

    response = host_login(client_for(collectivity), "/en/espace-hebergeur/securite/", login_url="/en" + HOST_LOGIN)

    assert response["Location"] == "/en/espace-hebergeur/securite/"


def test_a_logged_in_host_opening_the_login_with_a_bare_word_as_next_is_sent_to_the_dashboard(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))

    response = client.get(f"{HOST_LOGIN}?next=abc")

    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")


@pytest.mark.parametrize("next_url", UNFOLLOWABLE)
def test_staff_logging_in_with_an_unusable_next_land_on_the_admin(client_for, collectivity, next_url):
    staff = staff_account(collectivity, email="agent@example.com")
    device = TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    client = client_for(collectivity)
    url = f"{STAFF_LOGIN}?next={next_url}"
    client.post(
        url,
        {
            "staff_login_view-current_step": "auth",
            "auth-username": "agent@example.com",
            "auth-password": DEFAULT_PASSWORD,
        },
    )

    response = client.post(
        url, {"staff_login_view-current_step": "token", "token-otp_token": f"{TOTP(device.bin_key).token():06d}"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
