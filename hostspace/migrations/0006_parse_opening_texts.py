"""Read each accommodation's old opening text into « toute l'année » or periods.

A text the parser reads entirely becomes data and leaves ``opening_notes``
empty; any other text stays in ``opening_notes`` as typed, so nothing is lost
and an agent can enter the periods later. Backwards, the periods are written
back as text in front of the notes.
"""

from django.db import migrations


def read_texts(apps, schema_editor):
    from hostspace import periods

    Accommodation = apps.get_model("hostspace", "Accommodation")
    OpeningPeriod = apps.get_model("hostspace", "OpeningPeriod")
    for accommodation in Accommodation.objects.exclude(opening_notes="").only("pk", "opening_notes").iterator():
        try:
            all_year, found = periods.parse(accommodation.opening_notes)
        except ValueError:
            continue  # kept as typed in opening_notes
        if not all_year and not found:
            continue
        Accommodation.objects.filter(pk=accommodation.pk).update(open_all_year=all_year, opening_notes="")
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(
                accommodation_id=accommodation.pk,
                start_day=period.start_day,
                start_month=period.start_month,
                end_day=period.end_day,
                end_month=period.end_month,
            )
            for period in found
        )


def write_texts(apps, schema_editor):
    from hostspace import periods

    Accommodation = apps.get_model("hostspace", "Accommodation")
    for accommodation in Accommodation.objects.prefetch_related("opening_periods").iterator(chunk_size=500):
        text = periods.format_compact(accommodation.open_all_year, list(accommodation.opening_periods.all()))
        if text:
            notes = f"{text} ({accommodation.opening_notes})" if accommodation.opening_notes else text
            Accommodation.objects.filter(pk=accommodation.pk).update(opening_notes=notes[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("hostspace", "0005_structured_opening_periods"),
    ]

    operations = [migrations.RunPython(read_texts, write_texts)]
