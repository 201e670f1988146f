"""Payment jobs, run by the job queue (django-tasks): ask PayFiP again about every pending operation."""

from django_tasks import task

from hostspace.payments import services


@task()
def check_pending_payments():
    """Re-query each pending PayFiP operation; running it again changes nothing already settled."""
    return services.check_pending()
