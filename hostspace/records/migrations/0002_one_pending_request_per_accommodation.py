"""At most one pending classification request per accommodation; a host may withdraw theirs.

Requests already waiting side by side for one accommodation are settled before
the constraint: the latest one stays pending (it is what the host sent last),
the earlier ones count as withdrawn, i.e. replaced, and the agent reviewing the
latest is told about them (``Classification.replaced_requests``).
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def keep_the_latest_pending_request(apps, schema_editor):
    classification = apps.get_model("records", "Classification")
    latest = {}
    for request in classification.objects.filter(status="pending").order_by("accommodation_id", "-submitted_at", "-pk"):
        latest.setdefault(request.accommodation_id, request.pk)
    replaced = classification.objects.filter(status="pending").exclude(pk__in=latest.values())
    replaced.update(status="withdrawn", withdrawn_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='classification',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='retirée le'),
        ),
        migrations.AlterField(
            model_name='classification',
            name='status',
            field=models.CharField(choices=[('pending', 'En attente de validation'), ('validated', 'Validé'), ('rejected', 'Refusé'), ('withdrawn', "Retirée par l'hébergeur")], default='pending', max_length=10, verbose_name='statut'),
        ),
        migrations.RunPython(keep_the_latest_pending_request, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='classification',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('accommodation',), name='records_one_pending_request_per_accommodation'),
        ),
    ]
