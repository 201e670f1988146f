"""The technical service's hours move from the branding's two columns to the translatable snippet.

Each collectivity's French hours become its French ``SupportHours`` row and its
English ones that row's English translation (one ``translation_key``), so
wagtail-localize sees them as one text in two languages.
"""

import uuid

from django.db import migrations


def to_snippet(apps, schema_editor):
    BrandingSettings = apps.get_model("portal", "BrandingSettings")
    SupportHours = apps.get_model("portal", "SupportHours")
    Locale = apps.get_model("wagtailcore", "Locale")
    for branding in BrandingSettings.objects.exclude(support_hours="", support_hours_en=""):
        key = uuid.uuid4()
        french, _created = Locale.objects.get_or_create(language_code="fr")
        SupportHours.objects.update_or_create(
            site_id=branding.site_id, locale=french, defaults={"hours": branding.support_hours, "translation_key": key}
        )
        if branding.support_hours_en:
            english, _created = Locale.objects.get_or_create(language_code="en")
            SupportHours.objects.update_or_create(
                site_id=branding.site_id,
                locale=english,
                defaults={"hours": branding.support_hours_en, "translation_key": key},
            )


def to_columns(apps, schema_editor):
    BrandingSettings = apps.get_model("portal", "BrandingSettings")
    SupportHours = apps.get_model("portal", "SupportHours")
    for row in SupportHours.objects.select_related("locale"):
        column = {"fr": "support_hours", "en": "support_hours_en"}.get(row.locale.language_code)
        if column:
            BrandingSettings.objects.filter(site_id=row.site_id).update(**{column: row.hours})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_support_hours_snippet"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_snippet, to_columns)]
