"""Branding rules: readable colours only, one look per collectivity, no inline style."""

import pytest
from django.core.exceptions import ValidationError

from portal.colours import contrast_ratio, readable_text_colour
from portal.models import BrandingSettings
from tests.factories import UserFactory, verified_login


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is just above 4.5:1.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_text_on_a_dark_colour_is_white_and_on_a_light_one_dark():
    assert readable_text_colour("#1d4f91") == "#ffffff"
    assert readable_text_colour("#ffe680") == "#1a1a1a"


@pytest.mark.django_db
def test_a_pale_primary_colour_is_refused_with_a_clear_message(collectivity):
    branding = collectivity.branding
    branding.primary_colour = "#9fc5e8"
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "primary_colour" in error.value.message_dict
    assert "pas assez contrasté" in error.value.message_dict["primary_colour"][0]


@pytest.mark.django_db
def test_a_pale_accent_colour_is_refused(collectivity):
    branding = collectivity.branding
    branding.accent_colour = "#f4cccc"
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert list(error.value.message_dict) == ["accent_colour"]


@pytest.mark.django_db
def test_a_malformed_colour_is_refused_without_crashing(collectivity):
    branding = collectivity.branding
    branding.primary_colour = "bleu"
    with pytest.raises(ValidationError) as error:
        branding.full_clean()
    assert "hexadécimal" in error.value.message_dict["primary_colour"][0]


@pytest.mark.django_db
def test_admin_refuses_a_pale_colour_and_keeps_the_typed_values(client, collectivity):
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    verified_login(client, admin)
    url = f"/admin/settings/portal/brandingsettings/{collectivity.site.pk}/"
    data = {
        "official_name": "Communauté de communes du Pays des Écrins",
        "short_name": "Écrins",
        "logo": "",
        "primary_colour": "#dddddd",
        "accent_colour": "#a52a1a",
        "support_phone": "04 92 23 00 00",
        "support_email": "",
        "postal_address": "",
    }
    response = client.post(url, data, HTTP_HOST=collectivity.hostname)
    assert response.status_code == 200
    content = response.content.decode()
    assert "pas assez contrasté" in content
    assert 'value="Écrins"' in content
    assert BrandingSettings.objects.get(site=collectivity.site).short_name == "Pays des Écrins"


@pytest.mark.django_db
def test_each_collectivity_gets_its_own_colours_from_a_stylesheet(client_for, collectivity, other_collectivity):
    ecrins = client_for(collectivity).get("/branding.css")
    serre = client_for(other_collectivity).get("/branding.css")
    assert ecrins["Content-Type"].startswith("text/css")
    assert "--brand-primary: #1d4f91" in ecrins.content.decode()
    assert "--brand-primary: #0b6b5d" in serre.content.decode()
    assert "public" in ecrins["Cache-Control"]


@pytest.mark.django_db
def test_pages_carry_no_inline_style_or_script(client_for, collectivity):
    content = client_for(collectivity).get("/").content.decode()
    assert "style=" not in content
    assert "<style" not in content
    assert "<script>" not in content
