"""Opening periods become data: « ouvert toute l'année » and OpeningPeriod rows.

The old free text is renamed ``opening_notes`` (nothing typed is lost); the
next migration reads it into the new fields. The month choices are Django's
month names (their English msgids here, translated when shown).
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hostspace", "0004_record_history_per_collectivity"),
    ]

    operations = [
        migrations.RenameField(
            model_name="accommodation",
            old_name="opening_periods",
            new_name="opening_notes",
        ),
        migrations.AlterField(
            model_name="accommodation",
            name="opening_notes",
            field=models.CharField(
                blank=True,
                help_text="Par exemple « fermé le lundi ».",
                max_length=300,
                verbose_name="précisions sur l'ouverture",
            ),
        ),
        migrations.AddField(
            model_name="accommodation",
            name="open_all_year",
            field=models.BooleanField(default=False, verbose_name="ouvert toute l'année"),
        ),
        migrations.CreateModel(
            name="OpeningPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "start_day",
                    models.PositiveSmallIntegerField(
                        choices=[(day, str(day)) for day in range(1, 32)], verbose_name="jour de début"
                    ),
                ),
                (
                    "start_month",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "January"),
                            (2, "February"),
                            (3, "March"),
                            (4, "April"),
                            (5, "May"),
                            (6, "June"),
                            (7, "July"),
                            (8, "August"),
                            (9, "September"),
                            (10, "October"),
                            (11, "November"),
                            (12, "December"),
                        ],
                        verbose_name="mois de début",
                    ),
                ),
                (
                    "end_day",
                    models.PositiveSmallIntegerField(
                        choices=[(day, str(day)) for day in range(1, 32)], verbose_name="jour de fin"
                    ),
                ),
                (
                    "end_month",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "January"),
                            (2, "February"),
                            (3, "March"),
                            (4, "April"),
                            (5, "May"),
                            (6, "June"),
                            (7, "July"),
                            (8, "August"),
                            (9, "September"),
                            (10, "October"),
                            (11, "November"),
                            (12, "December"),
                        ],
                        verbose_name="mois de fin",
                    ),
                ),
                (
                    "accommodation",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_periods",
                        to="hostspace.accommodation",
                        verbose_name="hébergement",
                    ),
                ),
            ],
            options={
                "verbose_name": "période d'ouverture",
                "verbose_name_plural": "périodes d'ouverture",
                "ordering": ["start_month", "start_day"],
            },
        ),
    ]
