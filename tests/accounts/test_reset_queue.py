"""A password reset request only queues a job: an existing account and an unknown email take the same path."""

import pytest
from django.core import mail
from django_tasks import default_task_backend

from hostspace.accounts.tasks import send_password_reset
from tests.factories import host_account

pytestmark = pytest.mark.django_db

RESET = "/espace-hebergeur/mot-de-passe-oublie/"


@pytest.fixture
def queued_jobs(settings):
    """Jobs are kept, not run (as in production, where the worker runs them later)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend.results
    default_task_backend.clear()


@pytest.mark.parametrize("email", ["hote@example.com", "inconnu@example.com"])
def test_the_request_sends_no_mail_and_queues_one_job_whoever_asks(client_for, collectivity, queued_jobs, email):
    host_account(collectivity, email="hote@example.com")

    response = client_for(collectivity).post(RESET, {"email": email})

    assert response.status_code == 302
    assert mail.outbox == []
    (job,) = [job for job in queued_jobs if job.task.func is send_password_reset.func]
    assert job.kwargs["email"] == email and job.kwargs["site_id"] == collectivity.site.pk
    assert job.kwargs["language"] == "fr"
    assert "domain" not in job.kwargs  # the job finds the collectivity's address itself
    assert [job.task.func.__name__ for job in queued_jobs if job.task.func is not send_password_reset.func] in (
        [],
        ["update_reference_index_task"],  # Wagtail's own job, queued by the account's saved login date
    )


def test_the_job_mails_the_link_to_a_host_and_nothing_to_an_unknown_email(collectivity):
    host_account(collectivity, email="hote@example.com")

    for email in ("hote@example.com", "inconnu@example.com"):
        send_password_reset.call(email, collectivity.site.pk, "en")

    (message,) = mail.outbox
    assert message.to == ["hote@example.com"]
    assert f"http://{collectivity.hostname}/en/espace-hebergeur/reinitialiser/" in message.body
