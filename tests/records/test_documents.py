"""« Mes documents »: decisions are served only to their owner and their collectivity's agents."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hostspace.records.models import Classification
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, agent_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def decision(host):
    classification = ClassificationFactory(
        accommodation=AccommodationFactory(host=host, name="Hôtel du Glacier"),
        status=Classification.Status.PENDING,
        decision_document_name="arrete.pdf",
    )
    classification.decision_document.save("decision.pdf", ContentFile(PDF))
    return classification


def test_host_downloads_their_decision_as_an_attachment(client_for, collectivity, host, decision):
    client = client_for(collectivity)
    client.force_login(host.user)

    listing = client.get(reverse("hostspace:documents")).content.decode()
    response = client.get(reverse("hostspace:decision_document", args=[decision.pk]))

    assert "Hôtel du Glacier" in listing
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_another_host_gets_404_for_the_decision(client_for, collectivity, decision):
    stranger = HostFactory(site=collectivity.site, with_account=True)
    client = client_for(collectivity)
    client.force_login(stranger.user)

    assert client.get(reverse("hostspace:decision_document", args=[decision.pk])).status_code == 404


def test_anonymous_visitor_cannot_download_a_decision(client_for, collectivity, decision):
    response = client_for(collectivity).get(reverse("hostspace:decision_document", args=[decision.pk]))

    assert response.status_code == 302


def test_decision_is_stored_outside_the_public_media_folder(decision, settings, private_media):
    path = decision.decision_document.path

    assert path.startswith(str(private_media))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        decision.decision_document.url  # noqa: B018


def test_agent_of_the_collectivity_downloads_the_decision(client_for, collectivity, decision):
    admin = agent_client(client_for, collectivity)

    response = admin.get(f"/admin/hebergeurs-documents/decisions/{decision.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_agent_of_another_collectivity_gets_404_for_the_decision(client_for, other_collectivity, decision):
    admin = agent_client(client_for, other_collectivity)

    assert admin.get(f"/admin/hebergeurs-documents/decisions/{decision.pk}/").status_code == 404


def test_validation_queue_links_each_decision_through_the_checked_view(client_for, collectivity, decision):
    admin = agent_client(client_for, collectivity)

    queue = admin.get("/admin/classements/").content.decode()

    assert f'href="/admin/hebergeurs-documents/decisions/{decision.pk}/"' in queue
    assert "private" not in queue and "/media/" not in queue
