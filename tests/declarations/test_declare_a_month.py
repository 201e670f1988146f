"""A host declares a month: the register's stays are taxed night by night, the declaration is stored with its
number, lines and état récapitulatif (PDF), and it never changes afterwards."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hostspace.declarations import services
from hostspace.declarations.models import Channel, Declaration, DeclarationLine
from tests.declarations.calendar import JULY
from tests.factories import StayFactory

pytestmark = pytest.mark.django_db

D = Decimal


def period_url(accommodation, start=JULY):
    return reverse("hostspace:declaration_period", args=[accommodation.pk, start.isoformat()])


def declare_url(accommodation, start=JULY):
    return reverse("hostspace:declare", args=[accommodation.pk, start.isoformat()])


@pytest.fixture
def july_stays(hotel, meuble):
    """A family with two minors and a Booking.com stay at the hotel, an unclassified meublé stay with its price."""
    return {
        "family": StayFactory(
            accommodation=hotel, arrival=datetime.date(2026, 7, 6), departure=datetime.date(2026, 7, 9), persons=4,
            exempt_minors=2,
        ),
        "platform": StayFactory(
            accommodation=hotel, arrival=datetime.date(2026, 7, 20), departure=datetime.date(2026, 7, 22), persons=2,
            channel=Channel.BOOKING,
        ),
        "meuble": StayFactory(
            accommodation=meuble, arrival=datetime.date(2026, 7, 10), departure=datetime.date(2026, 7, 12),
            persons=4, price_per_night=D("120.00"),
        ),
    }  # fmt: skip


def test_the_hotel_month_owes_the_family_s_adult_nights_and_nothing_for_the_platform_stay(
    host_client, hotel, july_stays
):
    response = host_client.post(declare_url(hotel), {"kind": "stays"})

    assert response.status_code == 302
    declaration = Declaration.objects.get(accommodation=hotel)
    # 1.50 € × 1.10 = 1.65 € per adult-night; 2 adults × 3 nights = 6 → 9.90 €. The Booking stay: 0 € due.
    assert declaration.amount_due == D("9.90")
    assert (declaration.kind, declaration.stays, declaration.nights) == ("stays", 2, 5)
    assert (declaration.person_nights, declaration.exempt_person_nights) == (16, 6)
    assert (declaration.taxable_person_nights, declaration.platform_person_nights) == (6, 4)
    assert declaration.version == 1 and declaration.number.startswith(f"{datetime.date.today().year}-")
    platform_line = declaration.lines.get(channel=Channel.BOOKING)
    assert platform_line.amount == 0 and platform_line.breakdown[0]["total"] == "6.60"


def test_the_unclassified_meuble_pays_its_rate_of_the_price_per_occupant(host_client, meuble, july_stays):
    host_client.post(declare_url(meuble), {"kind": "stays"})

    declaration = Declaration.objects.get(accommodation=meuble)
    # 120 € ÷ 4 occupants × 5 % = 1.50 €, × 1.10 = 1.65 € × 4 persons × 2 nights.
    assert declaration.amount_due == D("13.20")
    line = declaration.lines.get()
    assert (line.category, line.price_per_night, line.amount_per_person_night) == (
        "unclassified",
        D("120.00"),
        D("1.65"),
    )


def test_a_host_declares_both_accommodations_at_once_and_gets_the_total_and_two_etats(
    host_client, hotel, meuble, july_stays
):
    url = reverse("hostspace:declare_all", args=[JULY.isoformat()])
    page = host_client.get(url)
    assert page.status_code == 200 and "Hôtel des Écrins" in page.content.decode()

    response = host_client.post(url, {f"choix-{hotel.pk}": "stays", f"choix-{meuble.pk}": "stays"}, follow=True)

    assert "2 déclaration(s) enregistrée(s) pour juillet 2026 : 23,10 € à reverser au total." in (
        response.content.decode()
    )
    for declaration in Declaration.objects.all():
        statement = host_client.get(reverse("hostspace:declaration_statement", args=[declaration.pk]))
        assert statement.status_code == 200 and statement["Content-Type"] == "application/pdf"
        assert b"".join(statement.streaming_content).startswith(b"%PDF-")


def test_the_etat_carries_what_the_law_asks(hotel, july_stays, host, collectivity):
    from hostspace.declarations import statements

    collectivity.branding.siren = "200099018"
    collectivity.branding.save()
    declaration = services.declare(hotel, JULY, user=host.user, today=datetime.date(2026, 8, 3))

    html = statements.render_html(declaration, list(declaration.lines.all()))

    for expected in (
        "SIREN 200099018", "Communauté de communes Pays des Écrins", "Claire Montagnier", "ECR-0001",
        "Hôtel des Écrins", "Hôtel de tourisme", "3 étoiles", "juillet 2026", "06/07/2026", "09/07/2026",
        "2 mineur(s)", "Booking.com", "9,90 €", declaration.number,
    ):  # fmt: skip
        assert expected in html, expected


def test_a_declaration_and_its_lines_never_change_nor_disappear(hotel, july_stays, host):
    declaration = services.declare(hotel, JULY, user=host.user)

    declaration.amount_due = D("0.00")
    with pytest.raises(PermissionError):
        declaration.save()
    with pytest.raises(PermissionError):
        declaration.delete()
    with pytest.raises(PermissionError):
        Declaration.objects.filter(pk=declaration.pk).delete()
    with pytest.raises(PermissionError):
        DeclarationLine.objects.filter(declaration=declaration).update(amount=0)
    assert Declaration.objects.get(pk=declaration.pk).amount_due == D("9.90")


def test_declared_stays_are_locked_until_a_correction_is_opened(host_client, hotel, july_stays):
    host_client.post(declare_url(hotel), {"kind": "stays"})
    family = july_stays["family"]

    refused = host_client.post(reverse("hostspace:stay_delete", args=[family.pk]))
    edit = host_client.post(
        reverse("hostspace:stay_edit", args=[family.pk]),
        {"arrival": "2026-07-06", "departure": "2026-07-10", "persons": 4, "exempt_minors": 2, "channel": "direct"},
    )

    assert refused.status_code == 302 and family.__class__.objects.filter(pk=family.pk).exists()
    assert "est déjà déclarée" in edit.content.decode()


def test_a_period_already_declared_is_not_declared_twice(host_client, hotel, july_stays):
    host_client.post(declare_url(hotel), {"kind": "stays"})
    response = host_client.post(declare_url(hotel), {"kind": "stays"}, follow=True)

    assert Declaration.objects.filter(accommodation=hotel).count() == 1
    assert "est déjà déclarée" in response.content.decode()


def test_a_period_that_has_not_ended_cannot_be_declared(hotel, host):
    with pytest.raises(services.DeclarationError, match="n'est pas terminée"):
        services.declare(hotel, JULY, user=host.user, today=datetime.date(2026, 7, 20))


def test_the_period_page_shows_the_stays_their_tax_and_the_total(host_client, hotel, july_stays):
    content = host_client.get(period_url(hotel)).content.decode()

    assert "Hôtel des Écrins – juillet 2026" in content
    assert "9,90 €" in content and "6,60 € perçus par la plateforme" in content
    assert "Valider la déclaration" in content
