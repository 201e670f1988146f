"""Activation codes: random, readable, stored hashed, single use, expiring, bound to one collectivity."""

import datetime
import math
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from tests.factories import ActivationCodeFactory, HostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_code_has_at_least_60_bits_in_readable_groups_without_look_alikes():
    assert activation.ENTROPY_BITS >= 60
    assert not set("0O1IL") & set(activation.ALPHABET)
    codes = {activation.generate_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){3}", code)


def test_codes_use_the_whole_alphabet_evenly():
    characters = "".join(activation.generate_code().replace("-", "") for _ in range(2000))
    counts = {letter: characters.count(letter) for letter in activation.ALPHABET}
    expected = len(characters) / len(activation.ALPHABET)
    # 32 000 draws over 31 letters: each count stays well within ±20 % of the mean.
    assert all(abs(count - expected) < expected * 0.2 for count in counts.values())
    assert math.log2(len(activation.ALPHABET)) * 16 > 79


@pytest.mark.parametrize(
    "typed",
    ["abcd-efgh-jkmn-pqrs", " ABCD EFGH JKMN PQRS ", "ABCDEFGHJKMNPQRS", "abcd–efgh—jkmn-pqrs", "ABCD.EFGH.JKMN.PQRS"],
)
def test_typed_codes_are_normalised_whatever_the_case_spaces_or_dashes(typed):
    assert activation.normalise(typed) == "ABCDEFGHJKMNPQRS"
    assert activation.hash_code(typed) == activation.hash_code("ABCD-EFGH-JKMN-PQRS")


@pytest.mark.parametrize("typed", ["", "   ", "----", "<script>", "A" * 200, "ÉCRINS", None, 12345, "abc\x00def"])
def test_impossible_input_normalises_to_nothing(typed):
    assert activation.normalise(typed) == ""


def test_the_clear_code_is_never_stored(collectivity):
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    stored = ActivationCode.objects.get(host=host)
    row = {field.attname: getattr(stored, field.attname) for field in ActivationCode._meta.fields}
    for value in row.values():
        assert activation.normalise(clear) not in str(value).upper().replace("-", "")
    assert stored.code_hash == activation.hash_code(clear)
    assert len(stored.code_hash) == 64


def test_the_hash_depends_on_the_secret_key():
    with override_settings(SECRET_KEY="one-secret"):
        first = activation.hash_code("ABCD-EFGH-JKMN-PQRS")
    with override_settings(SECRET_KEY="another-secret"):
        second = activation.hash_code("ABCD-EFGH-JKMN-PQRS")
    assert first != second


def test_a_code_opens_its_host_record_on_its_collectivity(collectivity):
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    result = activation.activate(clear.lower(), collectivity.site, "Nouvel.Hote@Example.com", "Un-mot-de-passe-2026!")
    host.refresh_from_db()
    assert result.created
    assert host.user.email == "nouvel.hote@example.com"
    assert host.user.check_password("Un-mot-de-passe-2026!")
    assert host.activated_at is not None


def test_a_code_works_only_once(collectivity):
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    activation.activate(clear, collectivity.site, "premier@example.com", "Un-mot-de-passe-2026!")
    with pytest.raises(activation.ActivationError):
        activation.activate(clear, collectivity.site, "second@example.com", "Un-mot-de-passe-2026!")
    assert ActivationCode.objects.get(host=host).used_at is not None


def test_a_code_expires_after_the_configured_number_of_days(collectivity):
    host = HostFactory(site=collectivity.site)
    issued = timezone.now() - datetime.timedelta(days=91)
    clear = activation.issue_code(host, now=issued)
    assert activation.find_usable_code(clear, collectivity.site, now=issued + datetime.timedelta(days=89))
    with pytest.raises(activation.ActivationError):
        activation.activate(clear, collectivity.site, "tard@example.com", "Un-mot-de-passe-2026!")


@override_settings(ACTIVATION_CODE_VALIDITY_DAYS=10)
def test_the_validity_is_configurable(collectivity):
    host = HostFactory(site=collectivity.site)
    activation.issue_code(host)
    code = ActivationCode.objects.get(host=host)
    assert code.expires_at - code.created_at == datetime.timedelta(days=10)


def test_default_validity_is_90_days(collectivity):
    host = HostFactory(site=collectivity.site)
    activation.issue_code(host)
    code = ActivationCode.objects.get(host=host)
    assert code.expires_at - code.created_at == datetime.timedelta(days=90)


def test_a_code_does_not_open_a_record_from_another_collectivity(collectivity, other_collectivity):
    host = HostFactory(site=other_collectivity.site)
    clear = activation.issue_code(host)
    assert activation.find_usable_code(clear, collectivity.site) is None
    with pytest.raises(activation.ActivationError):
        activation.activate(clear, collectivity.site, "ailleurs@example.com", "Un-mot-de-passe-2026!")
    host.refresh_from_db()
    assert host.user is None


def test_reissuing_a_code_revokes_the_previous_one(collectivity):
    host = HostFactory(site=collectivity.site)
    first = activation.issue_code(host)
    second = activation.issue_code(host)
    assert first != second
    assert activation.find_usable_code(first, collectivity.site) is None
    assert activation.find_usable_code(second, collectivity.site).host == host
    assert ActivationCode.objects.filter(host=host, revoked_at__isnull=False).count() == 1


def test_a_batch_of_codes_revokes_previous_codes_and_stores_only_hashes(collectivity):
    hosts = HostFactory.create_batch(3, site=collectivity.site)
    old = activation.issue_code(hosts[0])
    codes = activation.store_codes(activation.draw_codes(hosts))
    assert len(set(codes.values())) == 3
    assert activation.find_usable_code(old, collectivity.site) is None
    for host in hosts:
        assert activation.find_usable_code(codes[host.pk], collectivity.site).host == host


def test_revoked_codes_cannot_be_used(collectivity):
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    activation.issue_code(host)  # a new letter revokes the previous code
    assert activation.find_usable_code(clear, collectivity.site) is None


def test_an_existing_account_is_bound_only_with_its_own_password(collectivity, other_collectivity):
    person = UserFactory(email="deja@example.com")
    HostFactory(site=other_collectivity.site, user=person)
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    with pytest.raises(activation.AccountRefused):
        activation.activate(clear, collectivity.site, "deja@example.com", "pas-le-bon-mot-de-passe")
    host.refresh_from_db()
    assert host.user is None
    assert activation.find_usable_code(clear, collectivity.site) is not None
    result = activation.activate(clear, collectivity.site, "DEJA@example.com", "Un-mot-de-passe-solide-2026")
    assert not result.created
    assert result.user == person


def test_a_staff_account_cannot_be_bound_to_a_host_record(collectivity):
    staff = UserFactory(email="agent@example.com", is_staff=True)
    host = HostFactory(site=collectivity.site)
    clear = activation.issue_code(host)
    with pytest.raises(activation.AccountRefused):
        activation.activate(clear, collectivity.site, staff.email, "Un-mot-de-passe-solide-2026")


def test_the_demo_code_is_just_another_code_value(collectivity):
    host = HostFactory(site=collectivity.site)
    activation.issue_code(host, code="ECRINS-2026-DEMO")
    assert activation.find_usable_code("ecrins 2026 demo", collectivity.site).host == host


def test_the_code_factory_stores_a_usable_hash(collectivity):
    code, clear = ActivationCodeFactory.with_clear(host=HostFactory(site=collectivity.site))
    assert activation.find_usable_code(clear, collectivity.site) == code
