"""Factories of host records: hosts with an account, accommodations, classifications."""

import datetime

import factory

from hostspace.models import Accommodation, Classification, Host
from tests.factories import UserFactory


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    site = None  # always given: a host belongs to one collectivity
    user = factory.SubFactory(UserFactory)
    civility = Host.Civility.MADAME
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    company_name = ""
    siret = ""
    phone = "+33492230000"
    address_line1 = "12 rue des Écrins"
    postal_code = "05340"
    city = "Pelvoux"


class AccommodationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accommodation

    host = factory.SubFactory(HostFactory)
    name = factory.Sequence(lambda n: f"Hôtel des Cimes {n}")
    kind = Accommodation.Kind.HOTEL
    address_line1 = "1 place de l'Église"
    postal_code = "05340"
    commune = "Pelvoux"
    capacity = 20
    opening_periods = "Toute l'année"


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classification

    accommodation = factory.SubFactory(AccommodationFactory)
    rating = Classification.Rating.THREE
    decision_date = datetime.date(2024, 3, 1)
    status = Classification.Status.VALIDATED
