"""CGU and privacy policy versions of a collectivity, and the proofs that an account accepted them."""

import datetime

import factory
from django.utils import timezone

from hostspace.terms.models import TermsAcceptance, TermsVersion
from tests.factories.portal import SiteFactory, UserFactory


class TermsVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsVersion

    site = factory.SubFactory(SiteFactory)
    kind = TermsVersion.Kind.TERMS
    label = factory.Sequence(lambda n: f"Version {n + 1}")
    text = "<p>Les présentes conditions générales d'utilisation encadrent l'usage de l'espace hébergeur.</p>"
    text_en = "<p>These terms of use govern the use of the host space.</p>"
    in_force_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))


class TermsAcceptanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsAcceptance

    user = factory.SubFactory(UserFactory)
    version = factory.SubFactory(TermsVersionFactory)
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (tests)"
