"""Payment jobs, run by the job queue (django-tasks): ask PayFiP again about every pending operation."""

from django_tasks import task

from hostspace.payments import services


@task()
def check_pending_payments(site_id=None):
    """Re-query each pending PayFiP operation (of the collectivity ``site_id``, or all); settled ones stay as they are."""
    return services.check_pending(site_id=site_id)
