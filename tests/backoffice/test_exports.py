"""Exports are in the import's format: an agent can correct one in a spreadsheet and import it again."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from hostspace.backoffice import imports
from hostspace.records.models import Accommodation, Classification, Host
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, agent_client

pytestmark = pytest.mark.django_db

# 14:05:33.123456 in Paris, winter time: 13:05 UTC.
ACTIVATED = datetime.datetime(2026, 1, 15, 13, 5, 33, 123456, tzinfo=datetime.UTC)


def csv_table(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.fixture
def admin(client_for, collectivity):
    return agent_client(client_for, collectivity)


@pytest.fixture
def roux(collectivity):
    host = HostFactory(
        site=collectivity.site,
        reference="H-1",
        civility=Host.Civility.MADAME,
        first_name="Claire",
        last_name="Roux",
        phone="+33492234567",
        activated_at=ACTIVATED,
    )
    gite = AccommodationFactory(
        host=host,
        name="Gîte de l'Ailefroide",
        kind=Accommodation.Kind.FURNISHED,
        registration_number="05101000123AB",
        capacity=6,
        periods=[(15, 12, 15, 4), (1, 6, 30, 9)],
    )
    AccommodationFactory(host=host, name="Hôtel des Alpes", kind=Accommodation.Kind.HOTEL, capacity=40)
    ClassificationFactory(
        accommodation=gite, rating=Classification.Rating.THREE, decision_date=datetime.date(2022, 5, 12)
    )
    return host


def test_the_hosts_export_is_semicolon_separated_with_labels_and_local_dates(admin, roux):
    table = csv_table(admin.get("/admin/hebergeurs/", {"export": "csv"}))

    header, row = table[0], table[1]
    assert header == [*list(imports.HOST_COLUMNS), "compte_active_le"]
    values = dict(zip(header, row, strict=True))
    assert values["civilite"] == "Madame"
    assert values["telephone"] == "04 92 23 45 67"
    assert values["compte_active_le"] == "15/01/2026 14:05"


def test_the_accommodations_export_is_imported_again_into_another_collectivity_as_it_is(
    admin, roux, other_collectivity
):
    response = admin.get("/admin/hebergements/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")

    plan = imports.check(other_collectivity.site, imports.parse(text))

    assert plan.is_valid, [(line.number, line.errors) for line in plan.lines]
    assert (plan.host_count, plan.accommodation_count) == (1, 2)
    imports.save(other_collectivity.site, plan, None)
    copy = Host.objects.get(site=other_collectivity.site)
    assert (copy.civility, copy.phone, copy.reference) == ("mme", "+33492234567", "H-1")
    gite = copy.accommodations.get(name="Gîte de l'Ailefroide")
    assert gite.kind == Accommodation.Kind.FURNISHED and gite.registration_number == "05101000123AB"
    assert gite.opening_periods_text() == "01/06-30/09; 15/12-15/04"
    current = gite.current_classification()
    assert (current.rating, current.decision_date) == (Classification.Rating.THREE, datetime.date(2022, 5, 12))


def test_the_accommodations_export_has_the_import_columns_then_its_own(admin, roux):
    header = csv_table(admin.get("/admin/hebergements/", {"export": "csv"}))[0]

    assert header[: len(imports.COLUMNS)] == imports.COLUMNS
    assert header[len(imports.COLUMNS) :] == ["precisions_ouverture"]


def test_the_classifications_export_writes_labels_and_local_dates(admin, roux):
    pending = ClassificationFactory(
        accommodation=roux.accommodations.get(name="Hôtel des Alpes"),
        status=Classification.Status.PENDING,
        rating=Classification.Rating.FOUR,
        decision_date=datetime.date(2026, 1, 2),
    )
    Classification.objects.filter(pk=pending.pk).update(submitted_at=ACTIVATED)

    table = csv_table(admin.get("/admin/classements/", {"export": "csv"}))

    rows = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    request = next(row for row in rows if row["hebergement_nom"] == "Hôtel des Alpes")
    assert request["classement"] == "4 étoiles"
    assert request["statut"] == "En attente de validation"
    assert request["date_decision"] == "02/01/2026"
    assert request["demande_le"] == "15/01/2026 14:05"


def test_the_xlsx_export_has_local_times_without_microseconds(admin, roux):
    response = admin.get("/admin/hebergeurs/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]

    activated = sheet.cell(row=2, column=header.index("compte_active_le") + 1).value

    assert activated == timezone.localtime(ACTIVATED).replace(microsecond=0, tzinfo=None)
    assert activated == datetime.datetime(2026, 1, 15, 14, 5, 33)


@pytest.mark.parametrize("listing", ["/admin/hebergeurs/", "/admin/hebergements/", "/admin/classements/"])
def test_an_export_does_not_query_per_row(admin, collectivity, listing, django_assert_max_num_queries):
    for number in range(30):
        host = HostFactory(with_account=True, site=collectivity.site, last_name=f"Hôte {number}")
        ClassificationFactory(accommodation=AccommodationFactory(host=host, periods=[(1, 6, 30, 9)]))
    admin.get(listing)  # the site's navigation is cached after the first page

    with django_assert_max_num_queries(20):
        response = admin.get(listing, {"export": "csv"})
        rows = csv_table(response)

    assert len(rows) > 30
