"""Two-factor authentication: optional for hosts (« Sécurité du compte »), required for staff in the admin."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.login_forms import LOGIN, STAFF_LOGIN, login_data, text_of
from tests.factories import DEFAULT_PASSWORD, host_account, staff_account, verified_login

pytestmark = pytest.mark.django_db

SECURITY = "/espace-hebergeur/securite/"
SETUP = "/securite/double-authentification/activer/"


def setup_totp(client):
    """Go through the setup wizard as a person would; return the secret key shown on the page."""
    client.get(SETUP)
    page = text_of(client.post(SETUP, {"portal_setup_view-current_step": "welcome"}))
    secret = re.search(r"data-secret-key>([A-Z2-7]+)<", page).group(1)
    key = b32decode(secret)
    response = client.post(SETUP, {"portal_setup_view-current_step": "generator", "generator-token": current_code(key)})
    return key, response


def current_code(key, offset=0):
    totp = TOTP(key)
    totp.time = totp.time + offset * 30 if offset else totp.time
    return f"{totp.token():06d}"


def test_security_page_requires_a_host(client_for, collectivity):
    response = client_for(collectivity).get(SECURITY)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_host_sees_two_factor_is_off_and_can_turn_it_on(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))
    page = text_of(client.get(SECURITY))
    assert "Sécurité du compte" in page
    assert "La double authentification n'est pas activée." in page
    assert f'href="{SETUP}"' in page


def test_host_turns_on_totp_then_logs_in_with_a_code(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    key, response = setup_totp(client)
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert "La double authentification est activée." in text_of(client.get(SECURITY))

    # Backup codes.
    client.post(reverse("two_factor:backup_tokens"))
    codes = list(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(codes) == 10

    # Next login: password, then the code.
    fresh = client_for(collectivity)
    response = fresh.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
    assert response.status_code == 200
    assert "Double authentification" in text_of(response)
    assert "_auth_user_id" not in fresh.session
    wrong = fresh.post(LOGIN, {"host_login_view-current_step": "token", "token-otp_token": "000000"})
    assert "_auth_user_id" not in fresh.session
    assert wrong.status_code == 200
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = fresh.post(LOGIN, {"host_login_view-current_step": "token", "token-otp_token": current_code(key)})
    assert response.status_code == 302
    assert response["Location"] == reverse("hostspace:dashboard")
    assert fresh.session[DEVICE_ID_SESSION_KEY]

    # Or with a backup code, once.
    other = client_for(collectivity)
    other.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
    other.post(LOGIN, {"wizard_goto_step": "backup"})
    response = other.post(LOGIN, {"host_login_view-current_step": "backup", "backup-otp_token": codes[0]})
    assert response.status_code == 302
    assert not StaticDevice.objects.get(user=user).token_set.filter(token=codes[0]).exists()


def test_remember_me_still_applies_after_the_second_step(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    key, _ = setup_totp(client)
    fresh = client_for(collectivity)
    fresh.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD, remember=True))
    fresh.post(LOGIN, {"host_login_view-current_step": "token", "token-otp_token": current_code(key)})
    assert fresh.session.get_expire_at_browser_close() is False


def test_a_wrong_setup_code_is_refused(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    client.get(SETUP)
    client.post(SETUP, {"portal_setup_view-current_step": "welcome"})
    response = client.post(SETUP, {"portal_setup_view-current_step": "generator", "generator-token": "123"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Ce code n'est pas valide." in text_of(response)
    response = client.post(SETUP, {"portal_setup_view-current_step": "generator", "generator-token": "abc"})
    assert "Saisissez les 6 chiffres du code." in text_of(response)
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_host_can_turn_two_factor_off(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    setup_totp(client)
    response = client.post(reverse("two_factor:disable"), {"understand": "on"})
    assert response.status_code == 302
    assert response["Location"] == SECURITY
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_qr_code_is_an_svg_served_by_the_portal(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))
    client.get(SETUP)
    page = client.post(SETUP, {"portal_setup_view-current_step": "welcome"}).content.decode()
    assert '<img src="/securite/double-authentification/qrcode/"' in page
    response = client.get("/securite/double-authentification/qrcode/")
    assert response["Content-Type"].startswith("image/svg+xml")


# Staff and the Wagtail admin.


def test_wagtail_login_is_closed(client_for, collectivity):
    response = client_for(collectivity).get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == STAFF_LOGIN + "?next=/admin/pages/"
    assert client_for(collectivity).post("/admin/login/", {"username": "x", "password": "y"}).status_code == 405


def test_anonymous_admin_visit_goes_to_the_two_factor_login(client_for, collectivity):
    response = client_for(collectivity).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(STAFF_LOGIN + "?next=")


def test_staff_first_admin_login_forces_the_setup_then_opens_the_admin(client_for, collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    client = client_for(collectivity)
    response = client.post(
        STAFF_LOGIN + "?next=/admin/",
        {
            "staff_login_view-current_step": "auth",
            "auth-username": "agent@example.com",
            "auth-password": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == SETUP
    # Nothing of the admin opens before the setup.
    assert client.get("/admin/").url == SETUP
    key, response = setup_totp(client)
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    complete = client.get(response["Location"])
    assert complete.status_code == 200
    assert 'href="/admin/"' in text_of(complete)  # « Continuer », once the backup codes are noted
    assert client.get("/admin/").status_code == 200


def test_staff_first_login_offers_the_backup_codes_after_the_authenticator(client_for, collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    client = client_for(collectivity)
    client.post(
        STAFF_LOGIN + "?next=/admin/",
        {
            "staff_login_view-current_step": "auth",
            "auth-username": "agent@example.com",
            "auth-password": DEFAULT_PASSWORD,
        },
    )
    _key, response = setup_totp(client)

    page = text_of(client.get(response["Location"]))

    codes = list(StaticDevice.objects.get(user=staff).token_set.values_list("token", flat=True))
    assert len(codes) == 10
    assert "Codes de secours" in page
    assert all(f"<code>{code}</code>" in page for code in codes)
    # Showing the page again shows the same codes: none is lost before it was noted.
    client.get(response["Location"])
    assert set(StaticDevice.objects.get(user=staff).token_set.values_list("token", flat=True)) == set(codes)


def test_the_setup_page_does_not_continue_to_another_site(client_for, collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    client = verified_login(client_for(collectivity), staff)
    session = client.session
    session["next"] = "https://evil.example/"
    session.save()

    page = text_of(client.get(reverse("two_factor:setup_complete")))

    assert "evil.example" not in page
    assert 'href="/admin/"' in page


def test_staff_reach_their_second_factor_from_the_admin(client_for, collectivity):
    client = verified_login(client_for(collectivity), staff_account(collectivity, email="agent@example.com"))
    profile = reverse("two_factor:profile")

    sidebar = text_of(client.get("/admin/"))
    account = text_of(client.get("/admin/account/"))

    assert '"name": "security", "label": "S\\u00e9curit\\u00e9"' in sidebar and profile in sidebar
    assert f'href="{profile}"' in account and "codes de secours" in account
    page = text_of(client.get(profile))
    assert "La double authentification est activée." in page
    assert "Afficher ou renouveler mes codes de secours" in page


def test_staff_with_a_device_needs_the_code_to_reach_the_admin(client_for, collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    device = TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    client = client_for(collectivity)
    response = client.post(
        STAFF_LOGIN,
        {
            "staff_login_view-current_step": "auth",
            "auth-username": "agent@example.com",
            "auth-password": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Double authentification" in text_of(response)
    assert client.get("/admin/").status_code == 302
    response = client.post(
        STAFF_LOGIN, {"staff_login_view-current_step": "token", "token-otp_token": current_code(device.bin_key)}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_logged_in_without_second_factor_is_sent_away_from_the_admin(client_for, collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    client = client_for(collectivity)
    client.force_login(staff)  # a session without a verified device
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == STAFF_LOGIN + "?next=/admin/pages/"


def test_verified_login_helper_opens_the_admin(client_for, collectivity):
    client = verified_login(client_for(collectivity), staff_account(collectivity, email="agent@example.com"))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["staff of another collectivity", "host", "wrong password"])
def test_staff_login_refuses_others_with_the_generic_message(client_for, collectivity, other_collectivity, who):
    staff_account(other_collectivity, email="agent@serreponcon.example")
    host_account(collectivity, email="hote@example.com")
    staff_account(collectivity, email="agent@example.com")
    email, password = {
        "staff of another collectivity": ("agent@serreponcon.example", DEFAULT_PASSWORD),
        "host": ("hote@example.com", DEFAULT_PASSWORD),
        "wrong password": ("agent@example.com", "mauvais-mot-de-passe"),
    }[who]
    client = client_for(collectivity)
    response = client.post(
        STAFF_LOGIN, {"staff_login_view-current_step": "auth", "auth-username": email, "auth-password": password}
    )
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect." in text_of(response)
    assert "_auth_user_id" not in client.session


def test_two_factor_pages_use_the_portal_layout_and_nothing_from_outside(client_for, collectivity):
    client = client_for(collectivity)
    client.force_login(host_account(collectivity, email="hote@example.com"))
    for url in (STAFF_LOGIN, SETUP, reverse("two_factor:profile")):
        response = client_for(collectivity).get(url) if url == STAFF_LOGIN else client.get(url, follow=True)
        page = response.content.decode()
        assert 'class="site-header"' in page, url
        assert "cdnjs" not in page and "//" not in re.sub(r"https?://[^\"]*", "", page).replace("<!--", ""), url
        assert "<script>" not in page and "style=" not in page, url


def test_authenticator_app_shows_the_collectivity_as_issuer(client_for, collectivity):
    from django.test import RequestFactory

    from hostspace.accounts.two_factor import issuer_for

    request = RequestFactory().get("/", HTTP_HOST=collectivity.hostname)
    assert issuer_for(request) == "Pays des Écrins – Portail taxe de séjour"


def test_operator_can_remove_a_lost_second_factor(collectivity):
    from django.core.management import call_command

    staff = staff_account(collectivity, email="agent@example.com")
    TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    call_command("two_factor_disable", "agent@example.com")
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_security_page_counts_the_backup_codes_left(client_for, collectivity):
    user = host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity)
    client.force_login(user)
    setup_totp(client)
    client.post(reverse("two_factor:backup_tokens"))
    StaticDevice.objects.get(user=user).token_set.first().delete()
    assert "Il vous reste 9 codes de secours." in text_of(client.get(SECURITY))


def test_account_templates_carry_no_inline_script_or_style():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "hostspace" / "accounts" / "templates"
    templates = [*root.glob("two_factor/**/*.html"), *root.glob("accounts/**/*.html")]
    assert len(templates) > 15
    for template in templates:
        text = template.read_text()
        assert "<script" not in text and "<style" not in text and "style=" not in text, template
        assert "//cdn" not in text and "http" not in text, template
