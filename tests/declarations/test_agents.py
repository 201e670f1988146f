"""Agents follow declarations in the Wagtail admin: the period board and its exports, a host's versions and
états, a paper declaration entered on the host's behalf, reminders sent once; never another collectivity's."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from hostspace.declarations import reminders, services
from hostspace.declarations.models import Declaration, ReminderLog, Stay
from portal import roles
from tests.declarations.calendar import JULY
from tests.factories import DeclaringAccommodationFactory, DeliberationFactory, HostFactory, StayFactory, verified_login
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db

D = Decimal
AUGUST = datetime.date(2026, 8, 1)


@pytest.fixture
def agent_client(client_for, collectivity):
    return verified_login(client_for(collectivity), staff_of(collectivity, roles.AGENT))


@pytest.fixture
def declared_july(hotel, meuble, host):
    StayFactory(accommodation=hotel, persons=2)  # 9.90 €
    return services.declare(hotel, JULY, user=host.user)


def test_the_board_counts_accommodations_per_status_and_sums_the_amounts(agent_client, declared_july, meuble):
    response = agent_client.get(reverse("declarations_board") + "?annee=2026")

    assert response.status_code == 200
    july = next(summary for summary in response.context["summaries"] if summary.period.start == JULY)
    assert (july.count("declared"), july.count("late"), july.count("todo"), july.count("paid")) == (1, 1, 0, 0)
    assert (july.declared_amount, july.paid_amount) == (D("9.90"), D("0.00"))
    assert [entry.accommodation for entry in july.late] == [meuble]
    assert "juillet 2026" in response.content.decode()


def test_the_board_filters_by_status(agent_client, declared_july, meuble):
    response = agent_client.get(reverse("declarations_period", args=[JULY.isoformat()]) + "?statut=late")

    assert [entry.accommodation for entry in response.context["summary"].entries] == [meuble]


def test_the_board_exports_csv_and_xlsx_for_the_accountant(agent_client, declared_july):
    query = f"?periode={JULY.isoformat()}"
    csv_text = b"".join(agent_client.get(reverse("declarations_export", args=["csv"]) + query).streaming_content)
    xlsx = agent_client.get(reverse("declarations_export", args=["xlsx"]) + query)

    lines = csv_text.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Période;Début;Fin;Date limite;Dossier;Hébergeur")
    hotel_line = next(line for line in lines if "Hôtel des Écrins" in line)
    assert hotel_line.startswith("juillet 2026;01/07/2026;31/07/2026;15/08/2026;ECR-0001;Claire Montagnier")
    assert hotel_line.endswith(";Déclaré;2026-00001;1;" + hotel_line.split(";")[13] + ";non;6;6;0;9,90;0,00;9,90")
    assert lines[-1].startswith("Total;") and lines[-1].endswith("9,90;0,00;9,90")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    hotel_row = next(index for index, row in enumerate(rows, start=1) if row[7] == "Hôtel des Écrins")
    assert rows[0][0] == "Période" and rows[hotel_row - 1][18] == 9.9
    assert rows[hotel_row - 1][1] == datetime.datetime(2026, 7, 1)
    assert sheet.cell(row=hotel_row, column=19).number_format.endswith('"€"')


def test_an_agent_sees_a_host_s_versions_and_every_etat(agent_client, declared_july, host, hotel):
    services.open_correction(hotel, JULY, user=host.user, reason="Oubli")
    second = services.declare(hotel, JULY, user=host.user)

    page = agent_client.get(reverse("declarations_host", args=[host.pk])).content.decode()

    assert f"{declared_july.number} (version 2)" in page and "Oubli" in page
    for declaration in (declared_july, second):
        response = agent_client.get(reverse("declarations_statement", args=[declaration.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_agent_enters_a_paper_declaration_on_the_host_s_behalf(agent_client, meuble):
    url = reverse("declarations_accommodation_period", args=[meuble.pk, JULY.isoformat()])
    agent_client.post(
        url,
        {"action": "stay", "arrival": "2026-07-03", "departure": "2026-07-05", "persons": "2",
         "price_per_night": "80", "channel": "direct"},
    )  # fmt: skip
    agent_client.post(url, {"action": "declare", "kind": "stays"})

    declaration = Declaration.objects.get(accommodation=meuble)
    assert declaration.on_behalf and declaration.declared_by.is_staff
    assert Stay.objects.get().source == "agent"
    # 80 € ÷ 2 × 5 % = 2.00 € × 1.10 = 2.20 € × 2 persons × 2 nights.
    assert declaration.amount_due == D("8.80")
    from hostspace.declarations import statements

    assert "Saisie par la collectivité pour le compte de l'hébergeur" in statements.render_html(
        declaration, list(declaration.lines.all())
    )


def test_reminders_are_sent_once_a_second_run_sends_nothing(collectivity, hotel, meuble, declared_july):
    today = datetime.date(2026, 9, 17)  # August due on 15 September: late; July's meuble: 63 days late

    first = reminders.send_reminders(collectivity.site, today)
    second = reminders.send_reminders(collectivity.site, today)

    assert second == {}
    assert first[ReminderLog.Kind.FORMAL_NOTICE] >= 1 and first[ReminderLog.Kind.AFTER_DUE] >= 1
    notice = ReminderLog.objects.get(accommodation=meuble, period_start=JULY)
    assert notice.kind == "notice" and notice.letter.read().startswith(b"%PDF")
    assert ReminderLog.objects.filter(accommodation=hotel, period_start=JULY).count() == 0  # declared
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("mise en demeure" in subject for subject in subjects)
    assert all(message.to == [hotel.host.user.email] for message in mail.outbox)
    assert any(attachment[0] == "mise-en-demeure.pdf" for message in mail.outbox for attachment in message.attachments)


def test_a_reminder_before_the_due_date(collectivity, meuble):
    sent = reminders.send_reminders(collectivity.site, datetime.date(2026, 9, 10))  # August due on 15 September

    assert sent.get(ReminderLog.Kind.BEFORE_DUE) == 1
    assert ReminderLog.objects.filter(kind="before", period_start=AUGUST).count() == 1


def test_the_command_queues_the_reminders_of_every_collectivity(collectivity, meuble):
    out = io.StringIO()
    call_command("send_declaration_reminders", "--date", "2026-09-17", stdout=out)
    count = ReminderLog.objects.count()
    call_command("send_declaration_reminders", "--date", "2026-09-17", stdout=io.StringIO())

    assert "paysdesecrins.localhost" in out.getvalue() and count > 0
    assert ReminderLog.objects.count() == count


def test_an_agent_sends_the_reminders_from_the_admin(agent_client, meuble):
    response = agent_client.post(reverse("declarations_reminders"), follow=True)

    assert response.status_code == 200 and ReminderLog.objects.exists()
    assert "relance(s) envoyée(s)" in response.content.decode()


def test_another_collectivity_s_agent_never_sees_nor_reaches_a_declaration(
    client_for, other_collectivity, declared_july, host, hotel
):
    DeliberationFactory(site=other_collectivity.site, year=2026)
    other_agent = verified_login(client_for(other_collectivity), staff_of(other_collectivity, roles.AGENT))

    board = other_agent.get(reverse("declarations_board") + "?annee=2026")

    assert all(summary.total == 0 for summary in board.context["summaries"])
    assert other_agent.get(reverse("declarations_statement", args=[declared_july.pk])).status_code == 404
    assert other_agent.get(reverse("declarations_host", args=[host.pk])).status_code == 404
    url = reverse("declarations_accommodation_period", args=[hotel.pk, JULY.isoformat()])
    assert other_agent.get(url).status_code == 404
    assert other_agent.post(url, {"action": "declare", "kind": "none"}).status_code == 404


def test_another_host_never_reaches_a_declaration_nor_a_stay(client_for, collectivity, declared_july, hotel):
    stranger = HostFactory(with_account=True, site=collectivity.site)
    DeclaringAccommodationFactory(host=stranger)
    client = client_for(collectivity)
    client.force_login(stranger.user)
    stay = Stay.objects.get()

    assert client.get(reverse("hostspace:declaration_statement", args=[declared_july.pk])).status_code == 404
    assert client.get(reverse("hostspace:declaration_period", args=[hotel.pk, JULY.isoformat()])).status_code == 404
    assert client.get(reverse("hostspace:stay_edit", args=[stay.pk])).status_code == 404
    assert client.post(reverse("hostspace:stay_delete", args=[stay.pk])).status_code == 404
    assert client.post(reverse("hostspace:declare", args=[hotel.pk, AUGUST.isoformat()])).status_code == 404


def test_an_editor_has_no_access_to_declarations(client_for, collectivity, declared_july):
    editor = verified_login(client_for(collectivity), staff_of(collectivity, roles.EDITOR))

    assert editor.get(reverse("declarations_board")).status_code in (302, 403)
    assert editor.get(reverse("declarations_statement", args=[declared_july.pk])).status_code in (302, 403)


def test_a_host_with_declarations_is_not_deleted_and_the_admin_says_why(client_for, collectivity, declared_july, host):
    from tests.factories import StaffUserFactory

    operator = StaffUserFactory(email="operateur@example.com", is_superuser=True)
    client = verified_login(client_for(collectivity), operator)

    response = client.post(reverse("hosts:delete", args=[host.pk]), follow=True)

    assert response.status_code == 200
    assert "ne peut pas être supprimé" in response.content.decode()
    assert (
        Declaration.objects.filter(pk=declared_july.pk).exists() and host.__class__.objects.filter(pk=host.pk).exists()
    )


def test_the_agents_dashboard_points_at_the_last_period_s_late_accommodations(agent_client, meuble):
    response = agent_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert response.status_code == 200 and "Tableau des périodes, exports et relances" in content
    last = services.rules_for(meuble.host.site).period_of(
        datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    )
    if last is not None and datetime.date.today() > last.due:
        assert f"{last.label} : 1 hébergement en retard" in content
