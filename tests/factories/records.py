"""Host records, accommodations and classifications.

A host is created by an agent and waits for their activation letter: ``HostFactory(site=collectivity.site)``
has no account. ``with_account=True`` gives the record an account the host logs in with;
``active=True`` an account activated with a code (``activated_at`` set); ``accepted_terms=True`` the
acceptance of every terms version in force on the site.
"""

import datetime

import factory
from django.utils import timezone

from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from hostspace.terms.models import TermsAcceptance, TermsVersion
from tests.factories.portal import SiteFactory, UserFactory


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host
        skip_postgeneration_save = True

    class Params:
        with_account = factory.Trait(user=factory.SubFactory(UserFactory))
        active = factory.Trait(
            user=factory.SubFactory(UserFactory),
            activated_at=factory.LazyFunction(timezone.now),
        )

    site = factory.SubFactory(SiteFactory)
    civility = Host.Civility.MADAME
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+33492230000"
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
    """A hotel open all year; ``furnished=True`` makes it a furnished rental, ``periods=[(15, 12, 15, 4), …]``
    gives it opening periods instead."""

    class Meta:
        model = Accommodation
        skip_postgeneration_save = True

    class Params:
        furnished = factory.Trait(
            name=factory.Sequence(lambda n: f"Gîte des Cimes {n}"),
            kind=Accommodation.Kind.FURNISHED,
            capacity=4,
        )

    host = factory.SubFactory(HostFactory)
    name = factory.Sequence(lambda n: f"Hôtel des Cimes {n}")
    kind = Accommodation.Kind.HOTEL
    address_line1 = "12 chemin du Lac"
    postal_code = "05340"
    commune = "Pelvoux"
    capacity = 20
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


class ClassificationFactory(factory.django.DjangoModelFactory):
    """A validated three-star classification decided on 1 March 2024."""

    class Meta:
        model = Classification

    accommodation = factory.SubFactory(AccommodationFactory)
    rating = Classification.Rating.THREE
    status = Classification.Status.VALIDATED
    decision_date = datetime.date(2024, 3, 1)
