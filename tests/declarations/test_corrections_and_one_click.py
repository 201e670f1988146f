"""« Aucune nuitée » (and « Fermé », platforms only) in one click; a correction is a new version with its own
état and the difference shown; a stay across two periods is split between them; tariffs follow each night."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hostspace.declarations import services
from hostspace.declarations.models import Channel, Correction, Declaration, Stay
from tests.declarations.calendar import JULY
from tests.factories import DeliberationFactory, StayFactory

pytestmark = pytest.mark.django_db

D = Decimal
JUNE = datetime.date(2026, 6, 1)


def period_url(accommodation, start=JULY):
    return reverse("hostspace:declaration_period", args=[accommodation.pk, start.isoformat()])


def declare_url(accommodation, start=JULY):
    return reverse("hostspace:declare", args=[accommodation.pk, start.isoformat()])


def test_a_host_declares_aucune_nuitee_in_one_click(host_client, hotel):
    page = host_client.get(period_url(hotel)).content.decode()
    assert 'name="kind" value="none"' in page

    response = host_client.post(declare_url(hotel), {"kind": "none"}, follow=True)

    declaration = Declaration.objects.get(accommodation=hotel)
    assert (declaration.kind, declaration.amount_due, declaration.nights) == ("none", D("0.00"), 0)
    assert "0,00 € à reverser" in response.content.decode()
    assert declaration.statement.read().startswith(b"%PDF-")


def test_closed_and_platforms_only_are_one_click_too(host_client, hotel, meuble):
    StayFactory(accommodation=meuble, channel=Channel.AIRBNB, price_per_night=D("90.00"))

    host_client.post(declare_url(hotel), {"kind": "closed"})
    host_client.post(declare_url(meuble), {"kind": "platforms"})

    assert Declaration.objects.get(accommodation=hotel).kind == "closed"
    platforms = Declaration.objects.get(accommodation=meuble)
    assert (platforms.kind, platforms.amount_due, platforms.platform_person_nights) == ("platforms", 0, 6)


def test_aucune_nuitee_is_refused_when_the_register_holds_stays(hotel, host):
    StayFactory(accommodation=hotel)

    with pytest.raises(services.DeclarationError, match="Le registre contient 1 séjour"):
        services.declare(hotel, JULY, user=host.user, kind=Declaration.Kind.NO_NIGHTS)
    assert not Declaration.objects.exists()


def test_a_host_corrects_a_declared_month_new_version_new_etat_and_the_difference(host_client, hotel):
    StayFactory(accommodation=hotel, arrival=datetime.date(2026, 7, 6), persons=2)  # 2 × 3 nights × 1.65 = 9.90
    host_client.post(declare_url(hotel), {"kind": "stays"})
    first = Declaration.objects.get()

    host_client.post(
        reverse("hostspace:declaration_correction", args=[hotel.pk, JULY.isoformat()]),
        {"reason": "Séjour du 24 au 26 oublié"},
    )
    added = host_client.post(
        reverse("hostspace:stay_add", args=[hotel.pk]) + f"?periode={JULY.isoformat()}",
        {"arrival": "2026-07-24", "departure": "2026-07-26", "persons": "3", "channel": "direct"},
    )
    assert added.status_code == 302
    response = host_client.post(declare_url(hotel), {"kind": "stays"}, follow=True)

    second = Declaration.objects.get(version=2)
    assert (second.number, second.previous, second.reason) == (first.number, first, "Séjour du 24 au 26 oublié")
    assert second.amount_due == D("19.80")  # + 3 persons × 2 nights × 1.65
    assert second.statement.name != first.statement.name and second.statement.read().startswith(b"%PDF-")
    assert Declaration.objects.get(pk=first.pk).amount_due == D("9.90")  # the first version is kept as it was
    assert not Correction.objects.filter(declaration__isnull=True).exists()
    content = response.content.decode()
    assert "Différence avec la version 1" in content and "+9,90" in content
    assert "Séjour ajouté : du 24/07/2026 au 26/07/2026" in content
    difference = services.difference_of(second)
    assert difference.amount_delta == D("9.90") and len(difference.added) == 1


def test_the_rectifying_etat_shows_the_difference(hotel, host):
    from hostspace.declarations import statements

    stay = StayFactory(accommodation=hotel, persons=2)
    services.declare(hotel, JULY, user=host.user)
    services.open_correction(hotel, JULY, user=host.user, reason="Un enfant de plus")
    Stay.objects.filter(pk=stay.pk).update(persons=3, exempt_minors=1)
    second = services.declare(hotel, JULY, user=host.user)

    html = statements.render_html(second, list(second.lines.all()), services.difference_of(second))

    assert "version 2 (rectificative)" in html and "Motif de la correction : Un enfant de plus" in html
    assert "Différence avec la version 1" in html and "Séjour modifié : du 06/07/2026 au 09/07/2026" in html


def test_a_correction_needs_a_reason(host_client, hotel):
    host_client.post(declare_url(hotel), {"kind": "none"})

    host_client.post(reverse("hostspace:declaration_correction", args=[hotel.pk, JULY.isoformat()]), {"reason": ""})

    assert not Correction.objects.exists()


def test_a_stay_across_the_end_of_june_is_split_between_june_and_july(hotel, host):
    StayFactory(accommodation=hotel, arrival=datetime.date(2026, 6, 29), departure=datetime.date(2026, 7, 3))

    june = services.declare(hotel, JUNE, user=host.user)
    july = services.declare(hotel, JULY, user=host.user)

    assert (june.nights, july.nights) == (2, 2)
    assert june.amount_due == july.amount_due == D("6.60")
    assert july.lines.get().first_night == JULY


def test_each_night_is_taxed_at_the_deliberation_in_force_that_night(collectivity, hotel, host, deliberations):
    deliberations[1].delete()  # 2026 replaced by two deliberations: the 3-star tariff changes on 16 July
    DeliberationFactory(
        site=collectivity.site, valid_from=JULY.replace(month=1), valid_until=datetime.date(2026, 7, 15)
    )
    DeliberationFactory(
        site=collectivity.site, valid_from=datetime.date(2026, 7, 16), valid_until=datetime.date(2026, 12, 31),
        tariff_3_stars=D("1.70"),
    )  # fmt: skip
    StayFactory(accommodation=hotel, arrival=datetime.date(2026, 7, 14), departure=datetime.date(2026, 7, 18))

    declaration = services.declare(hotel, JULY, user=host.user)

    # 2 nights at 1.65 € and 2 nights at 1.87 € (1.70 × 1.10), for 2 persons.
    assert declaration.amount_due == D("14.08")
    line = declaration.lines.get()
    assert line.amount_per_person_night is None and [part["nights"] for part in line.breakdown] == [2, 2]


def test_periods_follow_a_quarterly_rhythm_with_its_due_date(other_collectivity):
    DeliberationFactory(site=other_collectivity.site, year=2026, declaration_frequency="quarterly", due_days=20)
    rules = services.rules_for(other_collectivity.site)

    period = rules.period_of(datetime.date(2026, 8, 14))

    assert (period.start, period.end, period.due) == (JULY, datetime.date(2026, 9, 30), datetime.date(2026, 10, 20))
    assert period.label == "3e trimestre 2026"
