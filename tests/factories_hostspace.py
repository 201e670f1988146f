"""Factories for the host space: host records, accommodations, classifications, codes, terms.

Build a host on a test collectivity with ``HostFactory(site=collectivity.site)``;
an active host with ``HostFactory(site=..., active=True)`` (creates the account);
one that already accepted the terms in force with ``accepted_terms=True``.
"""

import datetime

import factory
from django.utils import timezone

from hostspace.accounts import activation
from hostspace.accounts.models import ActivationCode
from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from hostspace.terms.models import TermsAcceptance, TermsVersion
from tests.factories import SiteFactory, UserFactory


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host
        skip_postgeneration_save = True

    class Params:
        active = factory.Trait(
            user=factory.SubFactory(UserFactory),
            activated_at=factory.LazyFunction(timezone.now),
        )

    site = factory.SubFactory(SiteFactory)
    civility = Host.Civility.MADAME
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "04 92 00 00 00"
    address_line1 = factory.Sequence(lambda n: f"{n + 1} route des Écrins")
    postal_code = "05340"
    city = "Pelvoux"

    @factory.post_generation
    def accepted_terms(obj, create, extracted, **kwargs):
        """``accepted_terms=True``: the account accepted every terms version in force on the site."""
        if create and extracted and obj.user_id:
            for version in TermsVersion.objects.filter(site=obj.site).in_force():
                TermsAcceptance.objects.create(user=obj.user, version=version, ip_address="127.0.0.1")


class AccommodationFactory(factory.django.DjangoModelFactory):
    """Open all year by default; ``periods=[(15, 12, 15, 4), …]`` gives periods instead."""

    class Meta:
        model = Accommodation
        skip_postgeneration_save = True

    host = factory.SubFactory(HostFactory)
    name = factory.Sequence(lambda n: f"Gîte des Cimes {n}")
    kind = Accommodation.Kind.FURNISHED
    address_line1 = "12 chemin du Lac"
    postal_code = "05340"
    commune = "Pelvoux"
    capacity = 4
    registration_number = ""
    open_all_year = True
    opening_notes = ""

    @factory.post_generation
    def periods(obj, create, extracted, **kwargs):
        """``periods=[(start day, start month, end day, end month), …]``: not open all year then."""
        if not (create and extracted):
            return
        for start_day, start_month, end_day, end_month in extracted:
            OpeningPeriod.objects.create(
                accommodation=obj, start_day=start_day, start_month=start_month, end_day=end_day, end_month=end_month
            )
        obj.open_all_year = False
        obj.save(update_fields=["open_all_year"])


class OpeningPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    accommodation = factory.SubFactory(AccommodationFactory, open_all_year=False)
    start_day = 1
    start_month = 6
    end_day = 30
    end_month = 9


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classification

    accommodation = factory.SubFactory(AccommodationFactory)
    rating = Classification.Rating.THREE
    status = Classification.Status.VALIDATED
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))


class ActivationCodeFactory(factory.django.DjangoModelFactory):
    """A stored code. Pass ``clear="ABCD-…"`` to know its value, or use :meth:`with_clear`."""

    class Meta:
        model = ActivationCode
        exclude = ["clear"]

    host = factory.SubFactory(HostFactory)
    clear = factory.LazyFunction(activation.generate_code)
    code_hash = factory.LazyAttribute(lambda o: activation.hash_code(o.clear))
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + activation.validity())

    @classmethod
    def with_clear(cls, **kwargs):
        """``(stored code, clear value)``."""
        clear = kwargs.pop("clear", None) or activation.generate_code()
        return cls(clear=clear, **kwargs), clear


def issued_code(host, **kwargs):
    """Issue a code to ``host`` the way agents do; return the clear code."""
    return activation.issue_code(host, **kwargs)


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
