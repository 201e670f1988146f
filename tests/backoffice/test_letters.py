"""Activation letters: a branded A4 PDF per host with a fresh code, or one PDF for a batch."""

import pytest
from django.utils import timezone

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.backoffice import letters
from hostspace.backoffice.models import LetterBatch
from tests.backoffice.addressee import addressee, assert_letter_to_jeanne_dupont
from tests.backoffice.pdf import pdf_page_count
from tests.factories import HostFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(collectivity):
    return addressee(collectivity)


def test_a_letter_shows_the_code_the_site_address_the_steps_and_the_host_address(collectivity, host):
    html = letters.render_html(collectivity.site, [(host, "ABCD-EFGH-JKMN-PQRS")])
    assert "ABCD-EFGH-JKMN-PQRS" in html
    assert "paysdesecrins.localhost/espace-hebergeur/activer/" in html
    assert_letter_to_jeanne_dupont(html)
    assert "Bienvenue sur votre tableau de bord" in html
    assert 'class="recipient"' in html


def test_letters_are_in_french_even_from_the_english_admin(collectivity, host):
    from django.utils import translation

    with translation.override("en"):
        html = letters.render_html(collectivity.site, [(host, "ABCD-EFGH-JKMN-PQRS")])
    assert "Bienvenue sur votre tableau de bord" in html


def test_a_single_letter_is_a_one_page_pdf_with_a_new_code(collectivity, host):
    old = activation.issue_code(host)
    pdf = letters.letter_for(host)
    assert pdf.startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 1
    assert activation.find_usable_code(old, collectivity.site) is None
    assert ActivationCode.objects.usable().filter(host=host).count() == 1


def test_each_letter_fits_on_one_a4_page(collectivity, host):
    host.company_name = "Société des hébergements touristiques de la haute vallée"
    host.address_line2 = "Bâtiment B, escalier 3, appartement 12"
    html = letters.render_html(collectivity.site, [(host, activation.generate_code())] * 3)
    document = letters.render_pdf(html)
    assert len(document.pages) == 3
    width, height = document.pages[0].width, document.pages[0].height
    # A4 in CSS pixels (96 per inch).
    assert round(width) == round(210 / 25.4 * 96) and round(height) == round(297 / 25.4 * 96)


def test_a_batch_gives_one_pdf_with_a_page_per_host_and_reports_progress(collectivity, monkeypatch):
    hosts = HostFactory.create_batch(5, site=collectivity.site)
    seen = []
    monkeypatch.setattr(letters, "CHUNK_SIZE", 2)
    pdf = letters.batch_pdf(collectivity.site, hosts, progress=lambda done, total: seen.append((done, total)))
    assert pdf.startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert ActivationCode.objects.usable().filter(host__in=hosts).count() == 5


def test_the_default_batch_is_the_hosts_without_an_account(collectivity, other_collectivity):
    waiting = HostFactory(site=collectivity.site)
    HostFactory(site=collectivity.site, active=True)
    HostFactory(site=other_collectivity.site)
    assert list(letters.hosts_without_account(collectivity.site)) == [waiting]


def _batch(site, host_ids):
    """Ask for a batch as the admin does; the test settings' job queue runs it at once."""
    batch = letters.request_batch(site, list(host_ids))
    batch.refresh_from_db()
    return batch


def test_a_batch_job_stores_its_pdf_privately_and_reports_done(collectivity, private_media):
    hosts = HostFactory.create_batch(2, site=collectivity.site)
    batch = _batch(collectivity.site, [h.pk for h in hosts])
    assert batch.status == LetterBatch.Status.DONE
    assert (batch.done, batch.total) == (2, 2)
    assert batch.started_at and batch.finished_at
    stored = private_media / batch.file
    assert stored.read_bytes().startswith(b"%PDF-")
    assert str(collectivity.site.pk) in batch.file


def test_a_batch_only_takes_hosts_of_its_collectivity(collectivity, other_collectivity, private_media):
    mine = HostFactory(site=collectivity.site)
    theirs = HostFactory(site=other_collectivity.site)
    batch = _batch(collectivity.site, [mine.pk, theirs.pk])
    assert batch.total == 1
    assert not ActivationCode.objects.filter(host=theirs).exists()


def test_a_batch_skips_hosts_who_activated_meanwhile(collectivity, private_media):
    waiting, activated = HostFactory.create_batch(2, site=collectivity.site)
    asked_for = [waiting.pk, activated.pk]
    activated.user = UserFactory()
    activated.save()
    batch = _batch(collectivity.site, asked_for)
    assert batch.total == 1
    assert not ActivationCode.objects.filter(host=activated).exists()


def test_old_batch_files_are_purged(collectivity, private_media):
    import datetime
    import os

    HostFactory(site=collectivity.site)
    first = _batch(collectivity.site, letters.hosts_without_account(collectivity.site).values_list("pk", flat=True))
    old_file = private_media / first.file
    a_week_ago = (datetime.datetime.now() - datetime.timedelta(days=7)).timestamp()
    os.utime(old_file, (a_week_ago, a_week_ago))
    second = _batch(collectivity.site, [])
    assert not old_file.exists()
    assert second.status == LetterBatch.Status.DONE


def test_a_batch_whose_worker_died_is_reported_failed_instead_of_running_for_ever(collectivity):
    import datetime

    hosts = HostFactory.create_batch(2, site=collectivity.site)
    batch = LetterBatch.objects.create(site=collectivity.site, host_ids=[h.pk for h in hosts], total=2)
    LetterBatch.objects.filter(pk=batch.pk).update(status=LetterBatch.Status.RUNNING, heartbeat_at=timezone.now())
    batch.refresh_from_db()
    assert letters.state_of(batch).status == LetterBatch.Status.RUNNING

    silent = timezone.now() - datetime.timedelta(seconds=letters.STALL_SECONDS + 1)
    LetterBatch.objects.filter(pk=batch.pk).update(heartbeat_at=silent)
    batch.refresh_from_db()

    assert letters.state_of(batch).status == LetterBatch.Status.FAILED
    assert LetterBatch.objects.get(pk=batch.pk).status == LetterBatch.Status.FAILED


def test_codes_are_stored_only_with_the_pdf_a_failed_batch_keeps_the_previous_codes(
    collectivity, private_media, monkeypatch
):
    host = HostFactory(site=collectivity.site)
    previous = activation.issue_code(host)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(letters, "render_batch", broken)
    batch = _batch(collectivity.site, [host.pk])

    assert batch.status == LetterBatch.Status.FAILED and not batch.file
    assert ActivationCode.objects.filter(host=host).count() == 1
    assert activation.find_usable_code(previous, collectivity.site).host == host
    assert not list(private_media.rglob("*.pdf"))


def test_running_a_finished_batch_again_changes_nothing(collectivity, private_media):
    host = HostFactory(site=collectivity.site)
    batch = _batch(collectivity.site, [host.pk])

    assert letters.run_batch(batch.pk) is None
    assert ActivationCode.objects.filter(host=host).count() == 1
