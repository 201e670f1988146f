"""Demo of declarations, relative to the day ``seed_demo`` runs.

Pays des Écrins (monthly): hote@example.com has declared every month of the
past year up to two before the last ended month — the hotel's open months
with a family with minors and a Booking.com stay (which collected the tax),
« Fermé » in its closed months; the unclassified meublé with priced stays,
some months sold only through Airbnb, one month « Aucune nuitée ». The month
before the last is declared too, so there is an amount to pay (the earlier
ones are paid by ``portal.demo.payments``); the last ended month is left to declare, with a meublé
stay waiting in the register. One earlier hotel month has a rectifying
version (a forgotten stay). Serre-Ponçon's host declares quarterly, its
campsite closed in winter.

The accommodations are registered a year back (their first period), and a
deliberation is carried over to any year the tax demo does not cover, so
that the demo works whatever the day. Stays carry a ``DEMO-…`` reference and
each declaration is made once: running the seed again the same day changes
nothing; a month later it declares what has become history.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from hostspace.declarations import services
from hostspace.declarations.models import Channel, Declaration, Stay
from hostspace.records.models import Accommodation, Host
from hostspace.tax.models import Deliberation

D = Decimal
HOSTS = {"ecrins": "hote@example.com", "serreponcon": "hote@serreponcon.example"}
HISTORY = {1: 13, 3: 5}  # periods of history by months per period: a year and a bit
DAY = datetime.timedelta(days=1)


def _carry_deliberations_forward(site, today):
    """A deliberation for each year up to ``today``'s, copied from the latest, when the tax demo has none."""
    latest = Deliberation.objects.filter(site=site).order_by("-valid_from").first()
    if latest is None:
        return
    for year in range(latest.valid_from.year + 1, today.year + 1):
        start = datetime.date(year, 1, 1)
        if Deliberation.objects.filter(site=site, valid_from__lte=start).exclude(valid_until__lt=start).exists():
            continue
        latest.followed_by(start, datetime.date(year, 12, 31), label=f"Délibération de démonstration {year}").save()


def _stay(accommodation, reference, arrival, nights, persons, **values):
    """A demo stay, created once (found again by its reference)."""
    stay, _created = Stay.objects.get_or_create(
        accommodation=accommodation,
        reference=reference,
        defaults={
            "arrival": arrival,
            "departure": arrival + DAY * nights,
            "persons": persons,
            "source": Stay.Source.FORM,
            **values,
        },
    )
    return stay


def _is_open(accommodation, period):
    months = accommodation.open_months()
    return not months or any((period.start.month + offset - 1) % 12 + 1 in months for offset in range(period.months))


def _register(accommodation, period, index):
    """The demo stays of one accommodation in one period (none in a closed or an empty period)."""
    key = f"DEMO-{period.key}"
    start = period.start
    if not _is_open(accommodation, period):
        return
    if accommodation.kind == Accommodation.Kind.HOTEL:
        _stay(accommodation, f"{key}-famille", start + 4 * DAY, 3, 4, exempt_minors=2)
        _stay(accommodation, f"{key}-booking", start + 11 * DAY, 2, 2, channel=Channel.BOOKING)
    elif accommodation.kind == Accommodation.Kind.FURNISHED:
        if index % 5 == 2:
            return  # a month without any guest: « Aucune nuitée »
        if index % 4 == 1:
            _stay(
                accommodation, f"{key}-airbnb", start + 6 * DAY, 4, 3, channel=Channel.AIRBNB, price_per_night=D("95")
            )
            return  # only Airbnb sold nights this month: « plateformes uniquement »
        _stay(accommodation, f"{key}-location", start + 7 * DAY, 5, 4, exempt_minors=1, price_per_night=D("140"))
    else:
        _stay(accommodation, f"{key}-famille", start + 40 * DAY, 7, 5, exempt_minors=3)
        _stay(accommodation, f"{key}-saisonniers", start + 20 * DAY, 30, 2, exempt_seasonal_workers=2)
        _stay(accommodation, f"{key}-booking", start + 55 * DAY, 4, 2, channel=Channel.BOOKING)


def _declare(accommodation, period, user, rules, today):
    if Declaration.objects.filter(accommodation=accommodation, period_start=period.start).exists():
        return None
    has_stays = services.stays_in(accommodation, period).exists()
    if has_stays:
        kind = None
    elif _is_open(accommodation, period):
        kind = Declaration.Kind.NO_NIGHTS
    else:
        kind = Declaration.Kind.CLOSED
    moment = timezone.make_aware(datetime.datetime.combine(min(period.due - 3 * DAY, today), datetime.time(10)))
    return services.declare(accommodation, period.start, user=user, kind=kind, today=today, rules=rules, at=moment)


def _rectify(accommodation, period, user, rules, today):
    """The demo's rectifying version: a stay forgotten in the first declaration of an earlier month."""
    if Declaration.objects.filter(accommodation=accommodation, period_start=period.start, version=2).exists():
        return
    services.open_correction(accommodation, period.start, user=user, reason="Séjour du 20 oublié dans la déclaration")
    _stay(accommodation, f"DEMO-{period.key}-oubli", period.start + 19 * DAY, 2, 2)
    moment = timezone.make_aware(datetime.datetime.combine(min(period.due, today), datetime.time(16)))
    services.declare(accommodation, period.start, user=user, today=today, rules=rules, at=moment)


def seed(collectivity):
    email = HOSTS.get(collectivity.key)
    host = Host.objects.filter(site=collectivity.site, user__email__iexact=email).select_related("user").first()
    if host is None:
        return
    today = timezone.localdate()
    _carry_deliberations_forward(collectivity.site, today)
    rules = services.rules_for(collectivity.site)
    if not rules.deliberations:
        return
    current = rules.period_of(today)
    if current is None:
        return
    count = HISTORY.get(current.months, 5)
    periods = rules.periods(today - datetime.timedelta(days=31 * current.months * (count + 1)), today)
    ended = [period for period in periods if period.has_ended(today)][-count:]
    if len(ended) < 3:
        return
    first_day = timezone.make_aware(datetime.datetime.combine(ended[0].start, datetime.time(9)))
    accommodations = list(host.accommodations.prefetch_related("classifications", "opening_periods"))
    for accommodation in accommodations:
        if accommodation.created_at > first_day:
            Accommodation.objects.filter(pk=accommodation.pk).update(created_at=first_day)
            accommodation.created_at = first_day
    for accommodation in accommodations:
        for index, period in enumerate(ended):
            _register(accommodation, period, index)
    last = ended[-1]
    for accommodation in accommodations:
        for period in ended[:-1]:
            _declare(accommodation, period, host.user, rules, today)
    hotel = next((a for a in accommodations if a.kind == Accommodation.Kind.HOTEL), None)
    if hotel is not None:
        open_periods = [period for period in ended[:-3] if _is_open(hotel, period)]
        if open_periods:
            _rectify(hotel, open_periods[-1], host.user, rules, today)
    meuble = next((a for a in accommodations if a.kind == Accommodation.Kind.FURNISHED), None)
    if meuble is not None:
        # Something waits in the register of the last ended period, to try « Valider la déclaration ».
        _stay(meuble, f"DEMO-{last.key}-location", last.start + 9 * DAY, 3, 2, price_per_night=D("110"))
    return last
