"""The technical service's hours are a translatable snippet of each collectivity: English pages show the
English text, an untranslated text falls back to French, and staff reach only their own collectivity's."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Locale

from portal.models import SupportHours, set_support_hours
from portal.roles import SUPPORT_HOURS, TRANSLATION
from tests.factories import staff_account, verified_login

pytestmark = pytest.mark.django_db

DASHBOARD = "/espace-hebergeur/tableau-de-bord/"


def test_the_english_dashboard_shows_the_english_hours(host_client, collectivity):
    set_support_hours(collectivity.site, "du lundi au vendredi, de 9 h à 12 h", "Monday to Friday, 9 am to 12 pm")

    english = host_client.get("/en" + DASHBOARD).content.decode()
    french = host_client.get(DASHBOARD).content.decode()

    assert "Monday to Friday, 9 am to 12 pm" in english and "du lundi au vendredi" not in english
    assert "du lundi au vendredi, de 9 h à 12 h" in french and "Monday to Friday" not in french


def test_hours_not_yet_translated_show_in_french_on_english_pages(host_client, collectivity):
    SupportHours.objects.filter(site=collectivity.site).delete()
    set_support_hours(collectivity.site, "le mardi de 14 h à 16 h")

    assert "le mardi de 14 h à 16 h" in host_client.get("/en" + DASHBOARD).content.decode()


def test_a_change_shows_at_once_on_every_page(client_for, collectivity):
    client = client_for(collectivity)
    client.get("/")
    set_support_hours(collectivity.site, "le jeudi de 8 h à 10 h")

    assert "le jeudi de 8 h à 10 h" in client.get("/").content.decode()


def test_each_collectivity_shows_its_own_hours(client_for, collectivity, other_collectivity):
    set_support_hours(collectivity.site, "horaires des Écrins")
    set_support_hours(other_collectivity.site, "horaires de Serre-Ponçon")

    page = client_for(other_collectivity).get("/").content.decode()

    assert "horaires de Serre-Ponçon" in page and "horaires des Écrins" not in page


def test_the_french_and_english_rows_are_one_text_and_its_translation(collectivity):
    set_support_hours(collectivity.site, "le lundi", "on Mondays")

    french, english = (
        SupportHours.objects.get(site=collectivity.site, locale__language_code=code) for code in ("fr", "en")
    )

    assert english.translation_key == french.translation_key
    assert french.get_translation(Locale.objects.get(language_code="en")) == english


def test_staff_list_edit_and_translate_only_their_collectivitys_hours(client_for, collectivity, other_collectivity):
    from django.contrib.auth.models import Permission

    editor = staff_account(collectivity, email="editeur@example.com")
    for app_label, codename in [(code.split(".")[0], code.split(".")[1]) for code in (*SUPPORT_HOURS, *TRANSLATION)]:
        editor.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    client = verified_login(client_for(collectivity), editor)
    own = set_support_hours(collectivity.site, "horaires des Écrins")
    foreign = set_support_hours(other_collectivity.site, "horaires de Serre-Ponçon")
    viewset = SupportHours.snippet_viewset

    listing = client.get(reverse(viewset.get_url_name("list"))).content.decode()

    assert "horaires des Écrins" in listing and "horaires de Serre-Ponçon" not in listing
    assert client.get(reverse(viewset.get_url_name("edit"), args=[own.pk])).status_code == 200
    assert client.get(reverse(viewset.get_url_name("edit"), args=[foreign.pk])).status_code == 404
    submit = "wagtail_localize:submit_snippet_translation"
    assert client.get(reverse(submit, args=["portal", "supporthours", own.pk])).status_code == 200
    refused = client.get(reverse(submit, args=["portal", "supporthours", foreign.pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")  # Wagtail's refusal


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_both_columns_into_one_text_and_its_translation(collectivity):
    executor = MigrationExecutor(connection)
    executor.migrate([("portal", "0005_support_hours_snippet")])
    old_apps = executor.loader.project_state([("portal", "0005_support_hours_snippet")]).apps
    old_apps.get_model("portal", "BrandingSettings").objects.filter(site_id=collectivity.site.pk).update(
        support_hours="du lundi au vendredi", support_hours_en="Monday to Friday"
    )
    old_apps.get_model("portal", "SupportHours").objects.all().delete()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    call_command("check")  # the project's models again

    texts = dict(SupportHours.objects.filter(site=collectivity.site).values_list("locale__language_code", "hours"))
    assert texts == {"fr": "du lundi au vendredi", "en": "Monday to Friday"}
    assert SupportHours.objects.filter(site=collectivity.site).values("translation_key").distinct().count() == 1
