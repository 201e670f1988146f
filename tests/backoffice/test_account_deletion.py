"""Deleting accounts and hosts in the admin: never a 500; an account that accepted terms keeps its proof."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from hostspace.backoffice.deletion import deletion_blockers
from hostspace.records.models import Host
from hostspace.terms.models import TermsAcceptance
from tests.factories import (
    AccommodationFactory,
    HostFactory,
    StaffUserFactory,
    TermsAcceptanceFactory,
    TermsVersionFactory,
    UserFactory,
    verified_login,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def superuser_client(client_for, collectivity):
    # A 500 must show as a 500 here, not as an exception raised into the test.
    client = client_for(collectivity, raise_request_exception=False)
    verified_login(client, StaffUserFactory(is_superuser=True, email="admin@example.org"))
    return client


@pytest.fixture
def host_with_proof(collectivity):
    host = HostFactory(site=collectivity.site, with_account=True, first_name="Jeanne", last_name="Dupont")
    TermsAcceptanceFactory(user=host.user, version=TermsVersionFactory(site=collectivity.site))
    return host


def delete_url(user):
    return reverse("wagtailusers_users:delete", args=[user.pk])


def bulk_delete_url(*users):
    query = "&".join(f"id={user.pk}" for user in users)
    return reverse("wagtail_bulk_action", args=(User._meta.app_label, User._meta.model_name, "delete")) + (
        f"?next={reverse('wagtailusers_users:index')}&{query}"
    )


def error_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "error"]


def test_deleting_an_account_that_accepted_the_terms_explains_why_it_is_kept(superuser_client, host_with_proof):
    account = host_with_proof.user

    response = superuser_client.post(delete_url(account))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:edit", args=[account.pk])
    [message] = error_messages(response)
    assert "ne peut pas être supprimé" in message and "preuves" in message and "Désactivez-le" in message
    assert User.objects.filter(pk=account.pk).exists()
    assert TermsAcceptance.objects.filter(user=account).count() == 1


def test_the_confirmation_page_already_tells_the_account_cannot_be_deleted(superuser_client, host_with_proof):
    response = superuser_client.get(delete_url(host_with_proof.user), follow=True)

    assert response.status_code == 200
    assert "ne peut pas être supprimé" in response.content.decode().replace("&#x27;", "'")


def test_an_account_without_accepted_terms_is_still_deleted(superuser_client, collectivity):
    account = UserFactory()

    response = superuser_client.post(delete_url(account))

    assert response.status_code == 302
    assert error_messages(response) == []
    assert not User.objects.filter(pk=account.pk).exists()


def test_bulk_deletion_deletes_nothing_when_one_account_holds_proof(superuser_client, host_with_proof):
    free = UserFactory()

    response = superuser_client.post(bulk_delete_url(host_with_proof.user, free))

    assert response.status_code == 302
    assert any(str(host_with_proof.user) in message for message in error_messages(response))
    assert User.objects.filter(pk__in=[host_with_proof.user.pk, free.pk]).count() == 2


def test_bulk_deletion_of_accounts_without_proof_goes_ahead(superuser_client):
    first, second = UserFactory(), UserFactory()

    response = superuser_client.post(bulk_delete_url(first, second))

    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[first.pk, second.pk]).exists()


def test_deleting_a_host_record_in_the_back_office_keeps_the_account_and_its_proof(superuser_client, host_with_proof):
    AccommodationFactory(host=host_with_proof)
    account = host_with_proof.user

    confirm = superuser_client.get(f"/admin/hebergeurs/delete/{host_with_proof.pk}/")
    response = superuser_client.post(f"/admin/hebergeurs/delete/{host_with_proof.pk}/")

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert not Host.objects.filter(pk=host_with_proof.pk).exists()
    assert User.objects.filter(pk=account.pk).exists()
    assert TermsAcceptance.objects.filter(user=account).count() == 1


def test_deletion_blockers_name_only_the_accounts_with_proof(host_with_proof):
    free = UserFactory()

    assert deletion_blockers([host_with_proof.user, free]) == {host_with_proof.user: "terms"}
    assert deletion_blockers([]) == {}
