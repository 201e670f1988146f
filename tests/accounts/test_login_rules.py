"""Unit tests of the login rules in hostspace.accounts.rules: who may log in on which collectivity's site."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from hostspace.accounts import rules
from tests.factories import DEFAULT_PASSWORD, HostFactory, host_account, legacy_account, staff_account

pytestmark = pytest.mark.django_db


def request_on(tenant):
    request = RequestFactory().post("/espace-hebergeur/", HTTP_HOST=tenant.hostname, REMOTE_ADDR="203.0.113.5")
    request.user = AnonymousUser()
    return request


def test_a_host_is_a_host_only_where_they_have_a_record(collectivity, other_collectivity):
    user = host_account(collectivity, email="hote@example.com")
    assert rules.is_host_of(user, collectivity.site)
    assert not rules.is_host_of(user, other_collectivity.site)
    assert not rules.is_host_of(user, None)


def test_staff_may_use_the_admin_of_their_own_collectivity_only(collectivity, other_collectivity):
    staff = staff_account(collectivity, email="agent@example.com")
    assert rules.may_use_admin(staff, collectivity.site)
    assert not rules.may_use_admin(staff, other_collectivity.site)
    staff.is_superuser = True
    assert rules.may_use_admin(staff, other_collectivity.site)
    host = host_account(collectivity, email="hote@example.com")
    assert not rules.may_use_admin(host, collectivity.site)


def test_legacy_account_is_found_only_on_its_collectivity(collectivity, other_collectivity):
    legacy_account(collectivity)
    assert rules.legacy_account_on(" ANCIEN@example.com", collectivity.site) is not None
    assert rules.legacy_account_on("ancien@example.com", other_collectivity.site) is None
    assert rules.legacy_account_on("inconnu@example.com", collectivity.site) is None
    assert rules.legacy_account_on("", collectivity.site) is None


@pytest.mark.parametrize(
    ("email", "password", "expected"),
    [
        ("hote@example.com", DEFAULT_PASSWORD, None),
        ("hote@example.com", "mauvais", rules.INVALID),
        ("inconnu@example.com", DEFAULT_PASSWORD, rules.INVALID),
        ("voisin@example.com", DEFAULT_PASSWORD, rules.INVALID),
        ("ancien@example.com", "nimportequoi", rules.MUST_RESET),
        ("ancien-voisin@example.com", "nimportequoi", rules.INVALID),
    ],
)
def test_authenticate_host_answers(collectivity, other_collectivity, email, password, expected):
    host_account(collectivity, email="hote@example.com")
    host_account(other_collectivity, email="voisin@example.com")
    legacy_account(collectivity)
    legacy_account(other_collectivity, email="ancien-voisin@example.com")
    request = request_on(collectivity)
    if expected is None:
        assert rules.authenticate_host(request, email, password, collectivity.site).email == email
    else:
        with pytest.raises(rules.LoginRefused) as refusal:
            rules.authenticate_host(request, email, password, collectivity.site)
        assert refusal.value.code == expected


def test_a_host_of_two_collectivities_is_allowed_on_both(collectivity, other_collectivity):
    user = host_account(collectivity, email="double@example.com")
    HostFactory(site=other_collectivity.site, user=user)
    for tenant in (collectivity, other_collectivity):
        assert rules.authenticate_host(request_on(tenant), "double@example.com", DEFAULT_PASSWORD, tenant.site) == user


def test_refusing_a_right_password_elsewhere_counts_as_a_failure(collectivity, other_collectivity):
    from axes.models import AccessAttempt

    host_account(other_collectivity, email="voisin@example.com")
    with pytest.raises(rules.LoginRefused):
        rules.authenticate_host(request_on(collectivity), "voisin@example.com", DEFAULT_PASSWORD, collectivity.site)
    assert AccessAttempt.objects.get(username="voisin@example.com").failures_since_start == 1


def test_password_was_reset_ends_the_legacy_status(collectivity):
    user = legacy_account(collectivity)
    rules.password_was_reset(user)
    user.refresh_from_db()
    assert user.must_reset_password is False
