"""Too many failed logins lock out one account from one client, for a while, and no one else."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings

from hostspace.accounts import throttling
from tests.accounts.login_forms import LOGIN, login_data, text_of
from tests.factories import DEFAULT_PASSWORD, host_account

pytestmark = pytest.mark.django_db

LIMIT = 10


def fail(client, email="hote@example.com", times=1):
    responses = [client.post(LOGIN, login_data(email, "mauvais-mot-de-passe")) for _ in range(times)]
    return responses[-1]


def test_the_tenth_failure_locks_the_account_for_this_client_with_a_clear_429(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    assert fail(client, times=LIMIT - 1).status_code == 200
    response = fail(client)
    assert response.status_code == 429
    page = text_of(response)
    assert "Trop de tentatives" in page
    assert "réessayez dans 15 minutes" in page
    assert 'class="site-header"' in page  # the portal's layout
    # Even the right password is refused now, from this client.
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 429


def test_an_attacker_elsewhere_cannot_lock_the_real_host_out(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    attacker = client_for(collectivity, REMOTE_ADDR="198.51.100.66")
    assert fail(attacker, times=LIMIT + 2).status_code == 429
    host = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    assert host.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


def test_variants_of_one_email_count_together(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    for index in range(LIMIT - 1):
        fail(client, email="HOTE@example.com" if index % 2 else " hote@EXAMPLE.com")
    assert fail(client).status_code == 429


def test_failures_on_other_accounts_from_the_same_client_do_not_lock_this_one(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    fail(client, email="autre@example.com", times=LIMIT)
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


def test_an_account_of_another_collectivity_is_throttled_like_a_wrong_password(
    client_for, collectivity, other_collectivity
):
    host_account(other_collectivity, email="voisin@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    responses = [client.post(LOGIN, login_data("voisin@example.com", DEFAULT_PASSWORD)) for _ in range(LIMIT)]
    assert responses[-1].status_code == 429


def test_a_successful_login_clears_the_failures(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    fail(client, times=LIMIT - 1)
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302
    assert not AccessAttempt.objects.filter(username="hote@example.com").exists()


def test_lockout_ends_after_fifteen_minutes(client_for, collectivity):
    import datetime

    from django.utils import timezone

    host_account(collectivity, email="hote@example.com")
    client = client_for(collectivity, REMOTE_ADDR="203.0.113.5")
    fail(client, times=LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert client.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


# Unit tests of the rules.


def test_username_is_normalised_from_credentials_or_post():
    request = RequestFactory().post("/", {"auth-username": "  Hote@Example.COM "})
    assert throttling.username_from_request(request) == "hote@example.com"
    assert throttling.username_from_request(request, {"username": "A@B.fr"}) == "a@b.fr"
    assert throttling.username_from_request(RequestFactory().post("/", {})) is None


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no proxy trusted: the header is the client's own word
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # one proxy: the right-most entry, which it wrote
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.1"),  # fewer entries than proxies: do not trust it
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(AXES_IPWARE_PROXY_COUNT=proxies):
        assert throttling.client_ip(request) == expected


def test_behind_a_proxy_each_client_has_its_own_lockout(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    with override_settings(AXES_IPWARE_PROXY_COUNT=1):
        attacker = client_for(collectivity, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
        assert fail(attacker, times=LIMIT).status_code == 429
        host = client_for(collectivity, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert host.post(LOGIN, login_data("hote@example.com", DEFAULT_PASSWORD)).status_code == 302


def test_failed_attempts_never_store_the_password_typed(client_for, collectivity):
    host_account(collectivity, email="hote@example.com")
    client_for(collectivity).post(LOGIN, login_data("hote@example.com", "Mon-Secret-Tape-2026"))
    attempt = AccessAttempt.objects.get(username="hote@example.com")
    assert "Mon-Secret-Tape-2026" not in attempt.post_data
    assert "auth-password=********************" in attempt.post_data
