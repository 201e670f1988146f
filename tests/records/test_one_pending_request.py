"""One classification request waits per accommodation; the host can withdraw it, and the agent hears of the replacement."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from hostspace.records.models import Classification
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, agent_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REQUEST = reverse("hostspace:classification_request")
LIST = reverse("hostspace:classifications")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def host(collectivity):
    return HostFactory(with_account=True, site=collectivity.site)


@pytest.fixture
def hotel(host):
    return AccommodationFactory(host=host, name="Hôtel du Glacier")


@pytest.fixture
def host_client(client_for, collectivity, host):
    client = client_for(collectivity)
    client.force_login(host.user)
    return client


def request_data(accommodation, rating=Classification.Rating.FOUR):
    return {
        "accommodation": accommodation.pk,
        "rating": rating,
        "decision_date": "2026-01-15",
        "decision_document": SimpleUploadedFile("decision.pdf", PDF, content_type="application/pdf"),
    }


def pending(accommodation, **fields):
    return ClassificationFactory(accommodation=accommodation, status=Classification.Status.PENDING, **fields)


def test_the_database_refuses_a_second_pending_request_for_one_accommodation(hotel):
    pending(hotel)

    with pytest.raises(IntegrityError):
        pending(hotel)


def test_a_second_request_while_one_waits_is_refused_with_a_message_and_the_values_kept(host_client, hotel):
    pending(hotel, rating=Classification.Rating.THREE)

    response = host_client.post(REQUEST, request_data(hotel))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Une demande de classement attend déjà la décision de la collectivité pour « Hôtel du Glacier »" in content
    assert "retirez d&#x27;abord celle-ci dans « Mes classements »" in content
    assert 'value="2026-01-15"' in content
    assert Classification.objects.filter(accommodation=hotel).count() == 1


def test_a_double_submit_that_slips_past_the_form_gets_the_same_message_and_keeps_no_file(
    host_client, hotel, monkeypatch, private_media
):
    from hostspace.records import forms

    monkeypatch.setattr(forms.ClassificationRequestForm, "clean_accommodation", lambda form: hotel)
    first = pending(hotel)  # written by the other request between its check and ours

    response = host_client.post(REQUEST, request_data(hotel))

    assert response.status_code == 200
    assert "attend déjà la décision" in response.content.decode()
    assert list(Classification.objects.filter(accommodation=hotel)) == [first]
    assert not any(path.is_file() for path in private_media.rglob("*"))


def test_the_host_withdraws_a_pending_request_from_mes_classements_and_may_send_another(host_client, hotel):
    request = pending(hotel)
    listing = host_client.get(LIST).content.decode()
    withdraw = reverse("hostspace:classification_withdraw", args=[request.pk])

    response = host_client.post(withdraw, follow=True)

    assert f'action="{withdraw}"' in listing and "Retirer ma demande" in listing
    request.refresh_from_db()
    assert request.status == Classification.Status.WITHDRAWN and request.withdrawn_at is not None
    assert "Votre demande de classement pour « Hôtel du Glacier » est retirée." in response.content.decode()
    assert "Retirée par l&#x27;hébergeur" in response.content.decode()
    assert host_client.post(REQUEST, request_data(hotel)).status_code == 302
    assert Classification.objects.filter(accommodation=hotel, status=Classification.Status.PENDING).count() == 1


def test_a_request_already_decided_cannot_be_withdrawn(host_client, hotel):
    decided = ClassificationFactory(accommodation=hotel, status=Classification.Status.VALIDATED)

    response = host_client.post(reverse("hostspace:classification_withdraw", args=[decided.pk]), follow=True)

    decided.refresh_from_db()
    assert decided.status == Classification.Status.VALIDATED
    assert "ne peut plus être retirée" in response.content.decode()


def test_withdrawing_by_get_or_another_hosts_request_does_nothing(host_client, collectivity):
    neighbour = pending(AccommodationFactory(host=HostFactory(with_account=True, site=collectivity.site)))
    url = reverse("hostspace:classification_withdraw", args=[neighbour.pk])

    assert host_client.get(url).status_code == 405
    assert host_client.post(url).status_code == 404
    neighbour.refresh_from_db()
    assert neighbour.is_pending


def test_the_agent_is_warned_that_a_request_replaces_one_the_host_withdrew(
    host_client, hotel, client_for, collectivity
):
    first = pending(hotel, rating=Classification.Rating.THREE)
    host_client.post(reverse("hostspace:classification_withdraw", args=[first.pk]))
    host_client.post(REQUEST, request_data(hotel))
    replacement = Classification.objects.get(accommodation=hotel, status=Classification.Status.PENDING)

    response = agent_client(client_for, collectivity).get(f"/admin/classements/edit/{replacement.pk}/")

    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Cette demande remplace celle du" in text and "3 étoiles" in text for text in said), said


def test_the_agent_cannot_decide_on_a_withdrawn_request(host_client, hotel, client_for, collectivity):
    request = pending(hotel)
    request.withdraw(request.accommodation.host.user)

    response = agent_client(client_for, collectivity).post(
        f"/admin/classements/edit/{request.pk}/", {"decision": "validate", "review_note": ""}
    )

    assert response.status_code == 200
    assert "L&#x27;hébergeur a retiré cette demande" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Classification.Status.WITHDRAWN
