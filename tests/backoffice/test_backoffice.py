"""Agents manage their collectivity's hosts and accommodations in the Wagtail admin."""

import csv
import io

import openpyxl
import pytest

from hostspace.records.models import Accommodation, Host, RecordLogEntry
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, allow_letters

pytestmark = pytest.mark.django_db

HOSTS = "/admin/hebergeurs/"
ACCOMMODATIONS = "/admin/hebergements/"


def host_form_data(**overrides):
    data = {
        "reference": "H-0001",
        "civility": "mme",
        "first_name": "Lucie",
        "last_name": "Bernard",
        "company_name": "",
        "siret": "",
        "contact_email": "lucie@example.org",
        "phone": "04 92 23 11 22",
        "address_line1": "3 rue du Lac",
        "address_line2": "",
        "postal_code": "05340",
        "city": "Pelvoux",
    }
    data.update(overrides)
    return data


def test_agent_lists_and_searches_the_hosts_of_their_collectivity(agent_admin, collectivity):
    HostFactory(site=collectivity.site, with_account=True, last_name="Arnaud")
    HostFactory(site=collectivity.site, with_account=True, last_name="Blanc")

    response = agent_admin.get(HOSTS, {"q": "arnaud"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Arnaud" in content and "Blanc" not in content


def test_agent_creates_a_host_in_their_collectivity_and_it_is_in_the_history(agent_admin, collectivity, agent):
    response = agent_admin.post(HOSTS + "new/", host_form_data())

    assert response.status_code == 302
    host = Host.objects.get(reference="H-0001")
    assert host.site == collectivity.site
    assert host.phone == "+33492231122"
    assert RecordLogEntry.objects.filter(object_id=str(host.pk), action="wagtail.create", user=agent).exists()


def test_agent_gets_a_message_by_a_wrong_siret_and_nothing_is_saved(agent_admin):
    response = agent_admin.post(HOSTS + "new/", host_form_data(siret="12345678901234"))

    assert response.status_code == 200
    assert "Ce numéro SIRET n&#x27;est pas valide" in response.content.decode()
    assert "Bernard" in response.content.decode()
    assert not Host.objects.exists()


def test_agent_edits_an_accommodation_and_the_change_is_logged(agent_admin, collectivity, agent):
    accommodation = AccommodationFactory(host=HostFactory(site=collectivity.site, with_account=True), name="Gîte A")
    data = {
        "host": accommodation.host_id,
        "name": "Gîte du Lac",
        "kind": Accommodation.Kind.FURNISHED,
        "capacity": 6,
        "registration_number": "05101000123AB",
        "open_all_year": "",
        "opening_notes": "Été",
        "opening_periods-TOTAL_FORMS": "0",
        "opening_periods-INITIAL_FORMS": "0",
        "opening_periods-MIN_NUM_FORMS": "0",
        "opening_periods-MAX_NUM_FORMS": "12",
        "address_line1": "1 rue",
        "address_line2": "",
        "postal_code": "05340",
        "commune": "Pelvoux",
    }

    response = agent_admin.post(f"{ACCOMMODATIONS}edit/{accommodation.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    accommodation.refresh_from_db()
    assert accommodation.name == "Gîte du Lac"
    assert RecordLogEntry.objects.filter(object_id=str(accommodation.pk), action="wagtail.edit", user=agent).exists()


def test_agent_exports_hosts_as_csv_and_xlsx(agent_admin, collectivity, other_collectivity):
    HostFactory(site=collectivity.site, with_account=True, last_name="Écrinsois")
    HostFactory(site=other_collectivity.site, with_account=True, last_name="Ponçonnais")

    csv_response = agent_admin.get(HOSTS, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert any("Écrinsois" in row for row in rows)
    assert not any("Ponçonnais" in row for row in rows)

    xlsx_response = agent_admin.get(HOSTS, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Écrinsois" in values and "Ponçonnais" not in values


def test_host_list_stays_within_twenty_queries_with_five_thousand_hosts(
    agent_admin, collectivity, django_assert_max_num_queries
):
    Host.objects.bulk_create(
        Host(
            site=collectivity.site,
            last_name=f"Hôte {n:04d}",
            address_line1="1 rue",
            postal_code="05340",
            city="Pelvoux",
        )
        for n in range(5000)
    )

    agent_admin.get(HOSTS)  # the site's navigation (context processor) is cached after the first page
    with django_assert_max_num_queries(20):
        response = agent_admin.get(HOSTS)

    assert response.status_code == 200
    assert "Hôte 0000" in response.content.decode()


def test_demo_shows_a_pending_classification_change_once(private_media):
    from hostspace.records.models import Classification
    from portal.demo import backoffice
    from portal.demo.collectivities import seed_collectivities

    collectivities = seed_collectivities()
    for _ in range(2):
        for collectivity in collectivities:
            backoffice.seed(collectivity)

    host = Host.objects.get(user__email="hote@example.com")
    assert host.accommodations.count() == 2
    hotel = host.accommodations.get(kind=Accommodation.Kind.HOTEL)
    assert hotel.current_classification().rating == Classification.Rating.THREE
    pending = Classification.objects.get(status=Classification.Status.PENDING)
    assert pending.accommodation.kind == Accommodation.Kind.FURNISHED
    assert pending.decision_document.read().startswith(b"%PDF-")
    assert collectivities[0].agents.permissions.filter(codename="change_classification").exists()


def test_csv_export_keeps_a_formula_typed_by_a_host_as_text(agent_admin, collectivity):
    HostFactory(site=collectivity.site, with_account=True, last_name='=HYPERLINK("http://evil.example","x")')

    response = agent_admin.get(HOSTS, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))

    assert '\'=HYPERLINK("http://evil.example","x")' in rows[1]


def test_host_list_links_the_activation_letter_of_hosts_not_yet_activated(agent_admin, collectivity, agent):
    from django.urls import reverse

    allow_letters(agent)
    waiting = HostFactory(site=collectivity.site, last_name="Enattente")
    active = HostFactory(site=collectivity.site, with_account=True, last_name="Actif")

    content = agent_admin.get(HOSTS).content.decode()

    assert f'href="{reverse("hostspace_letters:host", args=[waiting.pk])}"' in content
    assert f'href="{reverse("hostspace_letters:host", args=[active.pk])}"' not in content


def test_host_page_lists_their_accommodations_and_links_to_add_one_and_to_the_letter(agent_admin, collectivity, agent):
    from django.urls import reverse

    from hostspace.records.models import Classification

    allow_letters(agent)
    host = HostFactory(site=collectivity.site)
    hotel = AccommodationFactory(host=host, name="Hôtel du Glacier")
    pending = ClassificationFactory(accommodation=hotel, rating="4", status=Classification.Status.PENDING)
    AccommodationFactory(host=HostFactory(site=collectivity.site, with_account=True), name="Gîte d'un autre")

    content = agent_admin.get(f"{HOSTS}edit/{host.pk}/").content.decode()

    assert "Hôtel du Glacier" in content and "Gîte d'un autre" not in content
    assert f'href="{reverse("accommodations:edit", args=[hotel.pk])}"' in content
    assert f'href="{reverse("classifications:edit", args=[pending.pk])}"' in content
    assert f'href="{ACCOMMODATIONS}new/?host={host.pk}"' in content
    assert f'href="{reverse("hostspace_letters:host", args=[host.pk])}"' in content


def test_add_accommodation_from_a_host_page_has_that_host_chosen_but_never_a_foreign_one(
    agent_admin, collectivity, other_collectivity
):
    own = HostFactory(site=collectivity.site, with_account=True)
    foreign = HostFactory(site=other_collectivity.site, with_account=True)

    own_form = agent_admin.get(ACCOMMODATIONS + "new/", {"host": own.pk}).context["form"]
    foreign_form = agent_admin.get(ACCOMMODATIONS + "new/", {"host": foreign.pk}).context["form"]
    junk_form = agent_admin.get(ACCOMMODATIONS + "new/", {"host": "abc"}).context["form"]

    assert own_form["host"].value() == own.pk
    assert foreign_form["host"].value() is None
    assert junk_form["host"].value() is None


def test_classification_menu_opens_the_queue_on_pending_requests(agent_admin):
    menu = agent_admin.get(HOSTS).content.decode()  # a page without the dashboard's own link to the queue

    assert '"url": "/admin/classements/?status=pending"' in menu


def test_staff_who_may_not_print_letters_are_not_led_to_them(agent_admin, collectivity):
    waiting = HostFactory(site=collectivity.site)

    pages = [agent_admin.get(url).content.decode() for url in (HOSTS, f"{HOSTS}edit/{waiting.pk}/", "/admin/")]

    assert all("/admin/lettres-activation/" not in page for page in pages)
    assert "En attente d'activation" in pages[1]
