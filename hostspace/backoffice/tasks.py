"""Back-office jobs, run by the job queue's worker (``manage.py db_worker``)."""

from django_tasks import task

from hostspace.backoffice import letters


@task()
def print_letter_batch(batch_id):
    """Render a batch of activation letters; running it again after it finished changes nothing."""
    letters.run_batch(batch_id)
