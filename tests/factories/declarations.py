"""Factories for declarations: stays of the register, and accommodations that declare from a given day.

An accommodation owes declarations from the day it was registered
(``created_at``); ``declaring_since(accommodation, date)`` moves that day back
so that past periods can be declared in tests.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from hostspace.declarations.models import Channel, Stay
from hostspace.records.models import Accommodation
from tests.factories.records import AccommodationFactory


def declaring_since(accommodation, day=datetime.date(2025, 1, 1)):
    """Make ``accommodation`` registered on ``day`` (it then owes every period since)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Accommodation.objects.filter(pk=accommodation.pk).update(created_at=moment)
    accommodation.created_at = moment
    return accommodation


class DeclaringAccommodationFactory(AccommodationFactory):
    """A hotel registered on 1 January 2025: every period since then is owed."""

    @factory.post_generation
    def since(obj, create, extracted, **kwargs):
        if create:
            declaring_since(obj, extracted or datetime.date(2025, 1, 1))


class StayFactory(factory.django.DjangoModelFactory):
    """Two adults for three nights from 6 July 2026, sold directly."""

    class Meta:
        model = Stay

    accommodation = factory.SubFactory(DeclaringAccommodationFactory)
    arrival = datetime.date(2026, 7, 6)
    departure = factory.LazyAttribute(lambda o: o.arrival + datetime.timedelta(days=3))
    persons = 2
    price_per_night = None
    channel = Channel.DIRECT
    source = Stay.Source.FORM


D = Decimal
