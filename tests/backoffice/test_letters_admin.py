"""Agents print activation letters in the Wagtail admin: one host, or every host waiting, with progress."""

import html

import pytest

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.backoffice import letters
from tests.factories import HostFactory, staff_client

pytestmark = pytest.mark.django_db

INDEX = "/admin/lettres-activation/"


@pytest.fixture
def letters_agent(collectivity, client_for):
    """A staff member who may print letters and nothing else, in the admin."""
    return staff_client(client_for, collectivity, "accounts.add_activationcode")


@pytest.fixture(autouse=True)
def _private_media_for_every_test(private_media):
    """Batches write their PDF to the test's private folder."""


def test_agents_see_only_their_collectivity_s_hosts_waiting_for_activation(
    collectivity, other_collectivity, letters_agent, django_assert_max_num_queries
):
    HostFactory(site=collectivity.site, last_name="Attendelettre")
    HostFactory(site=collectivity.site, last_name="Dejactive", active=True)
    HostFactory(site=other_collectivity.site, last_name="Dailleurs")
    HostFactory.create_batch(5, site=collectivity.site)
    with django_assert_max_num_queries(40):
        response = letters_agent.get(INDEX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Attendelettre" in page
    assert "Dejactive" not in page and "Dailleurs" not in page
    assert "Générer les lettres des 6 hébergeurs en attente d'activation" in html.unescape(page)


def test_generating_one_letter_downloads_a_pdf_and_revokes_the_previous_code(collectivity, letters_agent):
    host = HostFactory(site=collectivity.site)
    old = activation.issue_code(host)
    confirm = letters_agent.get(f"{INDEX}hebergeur/{host.pk}/")
    assert confirm.status_code == 200
    assert ActivationCode.objects.filter(host=host).count() == 1
    response = letters_agent.post(f"{INDEX}hebergeur/{host.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    assert activation.find_usable_code(old, collectivity.site) is None
    assert ActivationCode.objects.usable().get(host=host).issued_by is not None


def test_an_agent_cannot_print_the_letter_of_another_collectivity(collectivity, other_collectivity, letters_agent):
    foreign = HostFactory(site=other_collectivity.site)
    assert letters_agent.post(f"{INDEX}hebergeur/{foreign.pk}/").status_code == 404
    assert not ActivationCode.objects.filter(host=foreign).exists()


def test_staff_without_the_permission_cannot_print_letters(collectivity, client_for):
    editor = staff_client(client_for, collectivity)
    host = HostFactory(site=collectivity.site)
    assert editor.get(INDEX).status_code in (302, 403)
    assert editor.post(f"{INDEX}hebergeur/{host.pk}/").status_code in (302, 403)


def test_a_batch_shows_its_progress_then_offers_the_pdf(collectivity, letters_agent):
    hosts = HostFactory.create_batch(3, site=collectivity.site)
    HostFactory(site=collectivity.site, active=True)
    response = letters_agent.post(f"{INDEX}lot/")
    assert response.status_code == 302
    batch_url = response["Location"]
    page = letters_agent.get(batch_url).content.decode()
    assert "backoffice/js/letter-batch.js" in page
    assert "data-status-url=" in page
    status = letters_agent.get(batch_url + "etat/").json()
    assert status == {"status": "done", "done": 3, "total": 3}
    pdf = letters_agent.get(batch_url + "pdf/")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert ActivationCode.objects.usable().filter(host__in=hosts).count() == 3


def test_a_batch_of_another_collectivity_is_not_found(collectivity, other_collectivity, letters_agent, client_for):
    HostFactory(site=other_collectivity.site)
    job_id = letters.request_batch(other_collectivity.site, []).pk
    assert letters_agent.get(f"{INDEX}lot/{job_id}/etat/").status_code == 404
    assert letters_agent.get(f"{INDEX}lot/{job_id}/pdf/").status_code == 404


def test_the_batch_starts_only_by_post(collectivity, letters_agent):
    HostFactory(site=collectivity.site)
    assert letters_agent.get(f"{INDEX}lot/").status_code == 405
    assert not ActivationCode.objects.exists()
