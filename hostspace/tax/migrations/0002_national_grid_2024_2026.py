"""The national grid of L2333-30 for 2024 and 2026, as service-public.fr publishes it.

The values are written here, not imported from hostspace.tax.engine: a
migration must give the same result whatever the code becomes. Later years
are data the platform operator adds in the admin (« Grille nationale »).
tests/tax/test_grid.py checks that these values equal engine.NATIONAL_GRID.
"""

from decimal import Decimal

from django.db import migrations

# Category code: (floor, ceiling) in euros per person per night; « unclassified » is a percent.
GRID = {
    2024: {
        "palace": ("0.70", "4.60"),
        "5-stars": ("0.70", "3.30"),
        "4-stars": ("0.70", "2.50"),
        "3-stars": ("0.50", "1.60"),
        "2-stars": ("0.30", "1.00"),
        "1-star": ("0.20", "0.80"),
        "camping-3-5-stars": ("0.20", "0.60"),
        "camping-1-2-stars": ("0.20", "0.20"),
        "unclassified": ("1", "5"),
    },
    2026: {
        "palace": ("0.70", "4.90"),
        "5-stars": ("0.70", "3.60"),
        "4-stars": ("0.70", "2.60"),
        "3-stars": ("0.50", "1.70"),
        "2-stars": ("0.30", "1.00"),
        "1-star": ("0.20", "0.80"),
        "camping-3-5-stars": ("0.20", "0.60"),
        "camping-1-2-stars": ("0.20", "0.20"),
        "unclassified": ("1", "5"),
    },
}


def load_grid(apps, schema_editor):
    NationalGrid = apps.get_model("tax", "NationalGrid")
    for year, rows in GRID.items():
        for category, (minimum, maximum) in rows.items():
            NationalGrid.objects.get_or_create(
                year=year,
                category=category,
                defaults={"minimum": Decimal(minimum), "maximum": Decimal(maximum)},
            )


def unload_grid(apps, schema_editor):
    NationalGrid = apps.get_model("tax", "NationalGrid")
    for year, rows in GRID.items():
        NationalGrid.objects.filter(year=year, category__in=list(rows)).delete()


class Migration(migrations.Migration):
    dependencies = [("tax", "0001_deliberations_and_national_grid")]

    operations = [migrations.RunPython(load_grid, unload_grid)]
