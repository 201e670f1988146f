"""An agent prints every pending activation letter as one PDF and watches the batch progress in Chromium."""

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client

from hostspace.accounts.models import ActivationCode
from hostspace.backoffice import letters
from tests.factories import HostFactory, StaffUserFactory, verified_login

pytestmark = pytest.mark.django_db(transaction=True)


def test_agent_generates_the_batch_sees_its_progress_and_downloads_the_pdf(
    ecrins, page_factory, axe, settings, monkeypatch
):
    # As in production: the request only queues the batch, and the worker process runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(letters, "CHUNK_SIZE", 2)
    # Slow each chunk down so that the page opens while the batch runs: the script must bring it up to date.
    render = letters.render_pdf
    monkeypatch.setattr(letters, "render_pdf", lambda html: time.sleep(1) or render(html))
    tenant = ecrins
    HostFactory.create_batch(5, site=tenant.site)
    agent = StaffUserFactory(email="agent@example.com", collectivity=tenant.site)
    agent.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "add_activationcode"]))
    # A session already verified with a second factor (the TOTP journey is tested elsewhere).
    session = verified_login(Client(HTTP_HOST=tenant.hostname), agent).cookies["sessionid"].value
    page = page_factory()
    page.context.add_cookies([{"name": "sessionid", "value": session, "domain": tenant.hostname, "path": "/"}])

    page.goto("/admin/lettres-activation/")
    page.get_by_role("button", name=re.compile("Générer les lettres des 5 hébergeurs")).click()
    page.wait_for_url(re.compile(r"/admin/lettres-activation/lot/[0-9a-f-]+/$"))
    assert page.get_by_role("link", name="Télécharger le PDF").is_hidden()
    call_command("db_worker", "--batch", "--no-startup-delay")  # the page keeps polling while the worker runs
    download_link = page.get_by_role("link", name="Télécharger le PDF")
    download_link.wait_for(state="visible", timeout=60_000)
    assert page.locator("progress").get_attribute("value") == "5"
    assert "Les lettres sont prêtes." in page.locator("[data-letter-batch-status]").inner_text()
    assert axe(page) == []
    assert page.outside_requests == []

    with page.expect_download() as download:
        download_link.click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert ActivationCode.objects.usable().count() == 5
