"""The host keeps their personal information up to date; a new email is confirmed by a link."""

import contextlib
import re

import pytest
from django.core import mail
from django.urls import reverse

from hostspace.records.models import RecordLogEntry
from hostspace.records.validators import validate_phone, validate_registration_number, validate_siret
from tests.factories import HostFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("hostspace:profile")


@pytest.fixture
def host(collectivity):
    return HostFactory(site=collectivity.site, with_account=True, user__email="helene@example.com")


def profile_data(**overrides):
    data = {
        "civility": "mme",
        "first_name": "Hélène",
        "last_name": "Dupont",
        "company_name": "Chalets Dupont",
        "siret": "732 829 320 00074",
        "address_line1": "8 route du Pelvoux",
        "address_line2": "",
        "postal_code": "05340",
        "city": "Pelvoux",
        "phone": "06 12 34 56 78",
        "email": "helene@example.com",
    }
    data.update(overrides)
    return data


def test_host_updates_personal_information(host_client, host):
    response = host_client.post(PROFILE, profile_data())

    assert response.status_code == 302
    host.refresh_from_db()
    assert (host.last_name, host.siret, host.phone) == ("Dupont", "73282932000074", "+33612345678")
    assert RecordLogEntry.objects.filter(object_id=str(host.pk), action="wagtail.edit", user=host.user).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "73282932000075", "Ce numéro SIRET n&#x27;est pas valide"),
        ("siret", "1234", "Le SIRET doit comporter 14 chiffres."),
        ("phone", "01 23", "Ce numéro de téléphone n&#x27;est pas valide"),
        ("postal_code", "5340", "Le code postal comporte 5 chiffres."),
    ],
)
def test_wrong_value_is_explained_by_its_field_and_nothing_is_saved(host_client, host, field, value, message):
    response = host_client.post(PROFILE, profile_data(**{field: value}))

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert f'id="id_{field}_error"' in content and 'aria-invalid="true"' in content
    assert 'value="Chalets Dupont"' in content  # the other values are kept
    host.refresh_from_db()
    assert host.company_name == ""


def test_new_email_is_only_used_after_the_link_sent_to_it_is_opened(host_client, host):
    host_client.post(PROFILE, profile_data(email="Nouvelle@Example.com"))

    host.user.refresh_from_db()
    assert host.user.email == "helene@example.com"
    assert mail.outbox[-1].to == ["nouvelle@example.com"]
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)

    response = host_client.get(link.replace("http://paysdesecrins.localhost", ""))

    assert response.status_code == 302
    host.user.refresh_from_db()
    assert host.user.email == "nouvelle@example.com"
    assert RecordLogEntry.objects.filter(object_id=str(host.pk), action="hostspace.email_changed").exists()
    # the link works once
    host_client.get(link.replace("http://paysdesecrins.localhost", ""))
    assert "déjà été utilisé" in host_client.get(PROFILE).content.decode()


def test_confirmation_link_of_another_account_does_not_work(client_for, collectivity, host_client, host):
    host_client.post(PROFILE, profile_data(email="nouvelle@example.com"))
    link = re.search(r"http://\S+", mail.outbox[-1].body).group(0)
    other = HostFactory(site=collectivity.site, with_account=True)
    client = client_for(collectivity)
    client.force_login(other.user)

    assert client.get(link.replace("http://paysdesecrins.localhost", "")).status_code == 404
    host.user.refresh_from_db()
    assert host.user.email == "helene@example.com"


def test_email_already_used_by_another_account_is_refused(host_client):
    UserFactory(email="pris@example.com")

    response = host_client.post(PROFILE, profile_data(email="pris@example.com"))

    assert response.status_code == 200
    assert "Cette adresse ne peut pas être utilisée." in response.content.decode()
    assert not mail.outbox


def test_tampered_confirmation_link_is_refused(host_client, host):
    response = host_client.get(reverse("hostspace:confirm_email", args=["abc:def"]), follow=True)

    assert "pas valide ou a expiré" in response.content.decode()


@pytest.mark.parametrize("siret", ["73282932000074", "35600000000048", "35600000049837", "356000000"])
def test_siret_checksum(siret):
    if len(siret) != 14:
        with pytest.raises(Exception, match="14"):
            validate_siret(siret)
    else:
        validate_siret(siret)


@pytest.mark.parametrize("number", ["05101000123AB", "2A004000001ZZ"])
def test_registration_number_accepted(number):
    validate_registration_number(number)


@pytest.mark.parametrize("number", ["0510100012", "ABCDE000123AB", "05101-00123AB"])
def test_registration_number_refused(number):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_registration_number(number)


@pytest.mark.parametrize("check", [validate_siret, validate_registration_number, validate_phone])
def test_identifier_checks_answer_any_text_with_a_validation_error_at_worst(check):
    from django.core.exceptions import ValidationError
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=40))
    def run(value):
        with contextlib.suppress(ValidationError):
            check(value)

    run()
