"""A host's acceptance of a terms version is recorded once, even when the form is submitted twice at once."""

import pytest
from django.db import IntegrityError

from hostspace.terms import services
from hostspace.terms.models import TermsAcceptance
from tests.factories import TermsAcceptanceFactory, TermsVersionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_proof_for_the_same_person_and_version(collectivity):
    first = TermsAcceptanceFactory(version=TermsVersionFactory(site=collectivity.site))

    with pytest.raises(IntegrityError):
        TermsAcceptance.objects.create(user=first.user, version=first.version)


def test_accepting_a_version_already_accepted_by_a_concurrent_request_keeps_the_first_proof(collectivity):
    version = TermsVersionFactory(site=collectivity.site)
    user = UserFactory()
    first = TermsAcceptanceFactory(user=user, version=version, ip_address="203.0.113.7")

    # The second request of a double submit: it checked before the first one wrote its row.
    recorded = services.accept(user, [version], ip_address="203.0.113.8")

    assert recorded == [first]
    assert TermsAcceptance.objects.filter(user=user, version=version).count() == 1
    assert TermsAcceptance.objects.get(user=user, version=version).ip_address == "203.0.113.7"


def test_accepting_both_versions_when_one_was_already_recorded_adds_only_the_other(collectivity):
    cgu = TermsVersionFactory(site=collectivity.site, kind="cgu")
    privacy = TermsVersionFactory(site=collectivity.site, kind="privacy")
    user = UserFactory()
    TermsAcceptanceFactory(user=user, version=cgu)

    services.accept(user, [cgu, privacy])

    assert TermsAcceptance.objects.filter(user=user).count() == 2
