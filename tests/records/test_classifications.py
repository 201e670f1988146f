"""A host asks for a new classification with the decision; an agent of the collectivity validates it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hostspace.records.models import Classification, RecordLogEntry, five_years_after
from tests.factories import (
    AccommodationFactory,
    ClassificationFactory,
    HostFactory,
    UserFactory,
    agent_client,
    make_agent,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
REQUEST = reverse("hostspace:classification_request")
LIST = reverse("hostspace:classifications")


@pytest.fixture
def hotel(host):
    return AccommodationFactory(host=host, name="Hôtel du Glacier")


def request_data(accommodation, content=PDF, name="decision.pdf", content_type="application/pdf", **overrides):
    data = {
        "accommodation": accommodation.pk,
        "rating": Classification.Rating.FOUR,
        "decision_date": "2026-01-15",
        "decision_document": SimpleUploadedFile(name, content, content_type=content_type),
    }
    data.update(overrides)
    return data


def test_host_submits_a_classification_change_which_stays_pending(host_client, hotel, host, private_media):
    response = host_client.post(REQUEST, request_data(hotel))

    assert response.status_code == 302
    request = Classification.objects.get(accommodation=hotel)
    assert request.status == Classification.Status.PENDING
    assert request.submitted_by == host.user
    assert request.decision_document_name == "decision.pdf"
    assert (private_media / request.decision_document.name).exists()
    assert RecordLogEntry.objects.filter(object_id=str(hotel.pk), action="hostspace.classification.request").exists()
    listing = host_client.get(LIST).content.decode()
    assert "En attente de validation" in listing and "4 étoiles" in listing


def test_pending_request_does_not_change_the_current_rating(host_client, hotel):
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    host_client.post(REQUEST, request_data(hotel))

    hotel.refresh_from_db()
    assert hotel.current_classification().rating == Classification.Rating.THREE


def test_a_disguised_file_is_refused_whatever_its_name_and_type(host_client, hotel):
    response = host_client.post(
        REQUEST,
        request_data(hotel, content=b"MZ\x90\x00 not a pdf", name="decision.pdf", content_type="application/pdf"),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "n&#x27;est ni un PDF, ni une image JPEG ou PNG" in content
    assert 'value="2026-01-15"' in content  # the other values are kept
    assert not Classification.objects.exists()


def test_an_oversize_file_is_refused(host_client, hotel):
    big = PDF + b"0" * (5 * 1024 * 1024)

    response = host_client.post(REQUEST, request_data(hotel, content=big))

    assert response.status_code == 200
    assert "trop volumineux" in response.content.decode()
    assert not Classification.objects.exists()


def test_a_png_decision_is_accepted(host_client, hotel):
    response = host_client.post(REQUEST, request_data(hotel, content=PNG, name="scan.png", content_type="image/png"))

    assert response.status_code == 302
    assert Classification.objects.get().decision_document.name.endswith(".png")


def test_host_cannot_request_for_another_hosts_accommodation(host_client, collectivity):
    foreign = AccommodationFactory(host=HostFactory(site=collectivity.site, with_account=True))

    response = host_client.post(REQUEST, request_data(foreign))

    assert response.status_code == 200
    assert not Classification.objects.exists()


def test_agent_validates_a_pending_request_and_the_host_sees_the_new_rating(
    client_for, collectivity, host_client, hotel
):
    host_client.post(REQUEST, request_data(hotel))
    pending = Classification.objects.get()
    agent = make_agent(collectivity)
    admin = agent_client(client_for, collectivity, agent)

    queue = admin.get("/admin/classements/", {"status": "pending"})
    assert "Hôtel du Glacier" in queue.content.decode()
    response = admin.post(f"/admin/classements/edit/{pending.pk}/", {"decision": "validate", "review_note": ""})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Classification.Status.VALIDATED
    assert pending.reviewed_by == agent
    assert pending.expires_on == five_years_after(datetime.date(2026, 1, 15))
    assert hotel.current_classification().rating == Classification.Rating.FOUR
    assert RecordLogEntry.objects.filter(
        object_id=str(pending.pk), action="hostspace.classification.validate", user=agent
    ).exists()
    assert "Validé" in host_client.get(LIST).content.decode()


def test_agent_must_give_a_reason_to_reject(client_for, collectivity, hotel):
    pending = ClassificationFactory(accommodation=hotel, status=Classification.Status.PENDING)
    admin = agent_client(client_for, collectivity)

    response = admin.post(f"/admin/classements/edit/{pending.pk}/", {"decision": "reject", "review_note": ""})
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Classification.Status.PENDING

    admin.post(f"/admin/classements/edit/{pending.pk}/", {"decision": "reject", "review_note": "Décision illisible"})
    pending.refresh_from_db()
    assert pending.status == Classification.Status.REJECTED
    assert pending.review_note == "Décision illisible"


def test_agent_of_another_collectivity_cannot_review(client_for, other_collectivity, hotel):
    pending = ClassificationFactory(accommodation=hotel, status=Classification.Status.PENDING)
    admin = agent_client(client_for, other_collectivity)

    assert admin.get(f"/admin/classements/edit/{pending.pk}/").status_code == 404
    response = admin.post(f"/admin/classements/edit/{pending.pk}/", {"decision": "validate", "review_note": ""})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == Classification.Status.PENDING
    assert "Hôtel du Glacier" not in admin.get("/admin/classements/").content.decode()


def test_classification_expiring_within_three_months_is_flagged(hotel):
    today = timezone.localdate()
    soon = ClassificationFactory(
        accommodation=hotel,
        decision_date=datetime.date(today.year - 5, today.month, min(today.day, 28)) + datetime.timedelta(days=30),
    )
    later = ClassificationFactory(accommodation=hotel, decision_date=datetime.date(today.year - 4, today.month, 1))

    assert soon.expires_soon()
    assert not later.expires_soon()


def test_classifications_are_not_created_from_the_admin_queue(client_for, collectivity):
    superuser = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    admin = agent_client(client_for, collectivity, superuser)

    assert admin.get("/admin/classements/new/").status_code == 404
    assert 'href="/admin/classements/new/"' not in admin.get("/admin/classements/").content.decode()


def test_both_host_lists_show_the_rating_in_force_with_a_badge_for_the_pending_change(host_client, hotel):
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.THREE)
    ClassificationFactory(accommodation=hotel, rating=Classification.Rating.FOUR, status=Classification.Status.PENDING)

    for url in (reverse("hostspace:accommodations"), LIST):
        html = host_client.get(url).content.decode()
        assert "3 étoiles" in html, url
        assert "Changement en attente de validation" in html, url
