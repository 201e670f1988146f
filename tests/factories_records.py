"""Host records as the dashboard and back-office tests start from them: a host who has an account.

The factories themselves live in ``tests.factories_hostspace``; these variants
only change the defaults (an activated host, a hotel, a fixed decision date).
"""

import datetime

import factory

from hostspace.records.models import Accommodation
from tests import factories_hostspace as base
from tests.factories import UserFactory


class HostFactory(base.HostFactory):
    site = None  # always given: a host belongs to one collectivity
    user = factory.SubFactory(UserFactory)
    phone = "+33492230000"


class AccommodationFactory(base.AccommodationFactory):
    host = factory.SubFactory(HostFactory)
    name = factory.Sequence(lambda n: f"Hôtel des Cimes {n}")
    kind = Accommodation.Kind.HOTEL
    capacity = 20


class ClassificationFactory(base.ClassificationFactory):
    accommodation = factory.SubFactory(AccommodationFactory)
    decision_date = datetime.date(2024, 3, 1)
