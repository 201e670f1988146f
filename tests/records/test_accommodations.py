"""The host edits their accommodations: every field, with the identifiers checked."""

import pytest
from django.urls import reverse

from hostspace.records.models import Accommodation, RecordLogEntry
from tests.factories import AccommodationFactory
from tests.records.host_forms import accommodation_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def gite(host):
    return AccommodationFactory(host=host, name="Gîte du Torrent", kind=Accommodation.Kind.FURNISHED, capacity=4)


def test_list_offers_every_accommodation_type(host_client, gite):
    listing = host_client.get(reverse("hostspace:accommodations")).content.decode()
    form = host_client.get(reverse("hostspace:accommodation_edit", args=[gite.pk])).content.decode()

    assert "Gîte du Torrent" in listing
    for _, label in Accommodation.Kind.choices:
        assert str(label).replace("'", "&#x27;") in form


def test_host_edits_an_accommodation(host_client, gite, host):
    response = host_client.post(reverse("hostspace:accommodation_edit", args=[gite.pk]), accommodation_data())

    assert response.status_code == 302
    gite.refresh_from_db()
    assert (gite.capacity, gite.registration_number) == (5, "05101000123AB")
    assert not gite.open_all_year
    assert [(p.start_day, p.start_month, p.end_day, p.end_month) for p in gite.opening_periods.all()] == [
        (15, 6, 15, 9)
    ]
    assert gite.opening_notes == "Fermé le lundi"
    assert RecordLogEntry.objects.filter(object_id=str(gite.pk), action="wagtail.edit", user=host.user).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("registration_number", "12345", "13 caractères"),
        ("registration_number", "", "doit avoir son numéro d&#x27;enregistrement"),
        ("capacity", "0", "entre 1 et 100 000"),
        ("capacity", "beaucoup", "Saisissez un nombre entier."),
        ("kind", "chateau", "Sélectionnez un choix valide"),
    ],
)
def test_wrong_value_is_explained_and_nothing_is_saved(host_client, gite, field, value, message):
    response = host_client.post(
        reverse("hostspace:accommodation_edit", args=[gite.pk]),
        accommodation_data(name="Nouveau nom", **{field: value}),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'value="Nouveau nom"' in content
    gite.refresh_from_db()
    assert gite.name == "Gîte du Torrent"


def test_hotel_needs_no_registration_number(host_client, host):
    hotel = AccommodationFactory(host=host, kind=Accommodation.Kind.HOTEL)

    response = host_client.post(
        reverse("hostspace:accommodation_edit", args=[hotel.pk]),
        accommodation_data(kind=Accommodation.Kind.HOTEL, registration_number=""),
    )

    assert response.status_code == 302
