"""One acceptance per account and terms version.

Concurrent submissions of the acceptance form could write the same proof twice
(8 parallel posts made 2 rows). The duplicates, written within the same
instants by the same person, say nothing the first row does not: the first one
is kept as the proof, the later copies go, then the constraint holds.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Min


def keep_the_first_acceptance(apps, schema_editor):
    acceptance = apps.get_model("terms", "TermsAcceptance")
    first_ids = acceptance.objects.values("user", "version").annotate(first=Min("pk")).values("first")
    # The queryset, not the model: TermsAcceptance.delete() refuses (append-only), by design.
    acceptance.objects.exclude(pk__in=first_ids).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('terms', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(keep_the_first_acceptance, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='termsacceptance',
            name='terms_terms_user_id_f5506c_idx',
        ),
        migrations.AddConstraint(
            model_name='termsacceptance',
            constraint=models.UniqueConstraint(fields=('user', 'version'), name='terms_one_acceptance_per_version'),
        ),
    ]
