"""Floods the per-pair lockout does not catch: one account from many addresses, many accounts from one
address, and someone behind the victim's address keeping the lockout alive."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import base_user
from django.core import mail
from django.db.models import F

from hostspace.accounts import throttling
from tests.accounts.login_forms import LOGIN, NEW_PASSWORD, login_data, reset_link, text_of
from tests.factories import DEFAULT_PASSWORD, host_account

pytestmark = pytest.mark.django_db

LIMIT = 10
FLOODED = "Trop de tentatives de connexion ont échoué pour ce courriel"


def fail(client, email="hote@example.com", times=1):
    responses = [client.post(LOGIN, login_data(email, "mauvais-mot-de-passe")) for _ in range(times)]
    return responses[-1]


def test_a_refused_attempt_during_the_lockout_does_not_start_the_fifteen_minutes_again(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    assert fail(client, times=LIMIT).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=14))

    # Someone behind the same address tries again a minute before the end of the lockout.
    assert fail(client).status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=2))
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


def flood_from_many_addresses(client_for, collectivity, email="hote@example.com"):
    """The account's cap of failures, each from its own address (no pair is ever locked out)."""
    for index in range(throttling.ACCOUNT_FAILURE_CAP):
        fail(client_for(collectivity, REMOTE_ADDR=f"198.51.{index // 200}.{index % 200 + 1}"), email=email)


def test_an_account_tried_from_many_addresses_takes_no_password_and_its_owner_gets_a_reset_link(
    client_for, collectivity
):
    host_account(collectivity, email="hote@example.com")
    flood_from_many_addresses(client_for, collectivity)

    # Even the right password, from an address that never failed, is refused, before any hashing.
    host = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    with mock.patch.object(base_user, "check_password", wraps=base_user.check_password) as checked:
        response = host.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
    assert response.status_code == 200
    assert FLOODED in text_of(response)
    assert "Réinitialiser mon mot de passe" in text_of(response)
    assert checked.call_count == 0

    (message,) = mail.outbox  # one email, through the job queue, however many failures follow
    assert message.to == ["hote@example.com"]
    assert "De nombreuses tentatives de connexion" in message.body

    # The owner follows the link, chooses a new password, and logs in at once.
    form_page = host.get(reset_link(message, "paysdesecrins.localhost"), follow=True)
    host.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert host.post(LOGIN, login_data("hote@example.com", NEW_PASSWORD)).status_code == 302


def test_an_unknown_email_flooded_the_same_way_gets_the_same_answer_and_mails_nobody(client_for, collectivity):
    flood_from_many_addresses(client_for, collectivity, email="inconnu@example.com")

    response = client_for(collectivity, REMOTE_ADDR="203.0.113.5").post(
        LOGIN, login_data("inconnu@example.com", DEFAULT_PASSWORD)
    )

    assert FLOODED in text_of(response)
    assert mail.outbox == []


def test_below_the_accounts_cap_the_owner_logs_in_from_elsewhere(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    for index in range(throttling.ACCOUNT_FAILURE_CAP - 1):
        fail(client_for(collectivity, REMOTE_ADDR=f"198.51.100.{index + 1}"))

    response = client_for(collectivity, REMOTE_ADDR="203.0.113.5").post(
        LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)
    )

    assert response.status_code == 302
    assert mail.outbox == []


def test_a_client_failing_on_many_accounts_is_refused_before_any_password_is_hashed(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    flooder = client_for(collectivity, REMOTE_ADDR="198.51.100.66")
    for index in range(throttling.CLIENT_FAILURE_CAP):
        fail(flooder, email=f"hasard-{index}@example.com")

    with (
        mock.patch.object(base_user, "make_password", wraps=base_user.make_password) as hashed,
        mock.patch.object(base_user, "check_password", wraps=base_user.check_password) as checked,
    ):
        response = flooder.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD))
        fail(flooder, email="encore-un@example.com")

    assert response.status_code == 429
    assert "Trop de tentatives" in text_of(response)
    assert hashed.call_count == 0 and checked.call_count == 0
    # Everybody else still logs in.
    other = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    assert other.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


def test_the_staff_login_shares_the_client_cap(client_for, collectivity):
    flooder = client_for(collectivity, REMOTE_ADDR="198.51.100.66")
    for index in range(throttling.CLIENT_FAILURE_CAP):
        fail(flooder, email=f"hasard-{index}@example.com")

    response = flooder.post(
        "/securite/connexion/",
        {"staff_login_view-current_step": "auth", "auth-username": "x@example.com", "auth-password": "x"},
    )

    assert response.status_code == 429
