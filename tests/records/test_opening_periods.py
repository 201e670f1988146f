"""Opening periods as data: the model, the host's form and formset, the agents' admin, export, import."""

import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hostspace.records.models import Accommodation, OpeningPeriod, RecordLogEntry
from tests.backoffice.import_files import GOOD, HEADER, IMPORT, csv_file
from tests.factories import AccommodationFactory, ClassificationFactory, HostFactory, agent_client
from tests.records.host_forms import accommodation_data, periods_data

pytestmark = pytest.mark.django_db

ACCOMMODATIONS = "/admin/hebergements/"


@pytest.fixture
def gite(host):
    return AccommodationFactory(
        host=host, name="Gîte du Torrent", kind=Accommodation.Kind.FURNISHED, periods=[(15, 12, 15, 4)]
    )


def rows(accommodation):
    return [(p.start_day, p.start_month, p.end_day, p.end_month) for p in accommodation.opening_periods.all()]


def edit_url(accommodation):
    return reverse("hostspace:accommodation_edit", args=[accommodation.pk])


# Model ---------------------------------------------------------------------------------------------


def test_a_period_on_a_day_no_year_has_is_refused_by_its_day(gite):
    period = OpeningPeriod(accommodation=gite, start_day=31, start_month=4, end_day=30, end_month=9)

    with pytest.raises(ValidationError) as error:
        period.full_clean()

    assert error.value.message_dict == {"start_day": ["Le 31 avril n'existe pas."]}
    OpeningPeriod(accommodation=gite, start_day=29, start_month=2, end_day=3, end_month=3).full_clean()


def test_summary_and_months_of_an_accommodation(host):
    seasonal = AccommodationFactory(host=host, periods=[(1, 6, 30, 9), (15, 12, 15, 4)])
    unknown = AccommodationFactory(host=host, open_all_year=False)

    assert seasonal.opening_summary == "Du 1er juin au 30 septembre et du 15 décembre au 15 avril"
    assert seasonal.opening_periods_text() == "01/06-30/09; 15/12-15/04"
    assert seasonal.open_months() == [1, 2, 3, 4, 6, 7, 8, 9, 12]
    assert unknown.opening_summary == "Périodes d'ouverture non renseignées"
    assert AccommodationFactory(host=host).opening_summary == "Toute l'année"


# Host's form and formset ---------------------------------------------------------------------------------


def test_form_shows_each_period_in_a_fieldset_with_labelled_lists_and_an_empty_row(host_client, gite):
    content = host_client.get(edit_url(gite)).content.decode()

    assert "<legend>Période 1</legend>" in content and "<legend>Période 2</legend>" in content
    assert "<legend>Période 3</legend>" not in content
    assert '<label for="id_periodes-0-start_day">Jour de début</label>' in content
    assert '<label for="id_periodes-1-end_month">Mois de fin</label>' in content
    assert (
        '<select name="periodes-0-start_month"' in content
        and '<option value="12" selected>Décembre</option>' in content
    )
    assert "Supprimer cette période" in content and 'name="periodes-0-DELETE"' in content
    assert 'name="periodes-1-DELETE"' not in content  # the empty row has nothing to delete
    assert "<script" not in content.split('class="host-form"')[1].split("</form>")[0]


def test_host_replaces_adds_and_deletes_periods_and_the_change_is_logged(host_client, gite, host):
    existing = gite.opening_periods.get()

    response = host_client.post(
        edit_url(gite),
        accommodation_data(
            **periods_data([(15, 12, 15, 4, existing.pk, True), (1, 6, 30, 9), (1, 5, 31, 5)], initial=1)
        ),
    )

    assert response.status_code == 302
    assert rows(gite) == [(1, 5, 31, 5), (1, 6, 30, 9)]
    assert RecordLogEntry.objects.filter(object_id=str(gite.pk), action="wagtail.edit", user=host.user).exists()
    listing = host_client.get(response["Location"]).content.decode()
    assert "Du 1er mai au 31 mai et du 1er juin au 30 septembre" in listing
    assert "Fermé le lundi" in listing


def test_host_opens_all_year_without_periods(host_client, gite):
    existing = gite.opening_periods.get()

    response = host_client.post(
        edit_url(gite),
        accommodation_data(open_all_year="on", **periods_data([(15, 12, 15, 4, existing.pk, True)], initial=1)),
    )

    assert response.status_code == 302
    gite.refresh_from_db()
    assert gite.open_all_year and rows(gite) == []


def test_an_empty_row_is_ignored_and_no_period_at_all_is_allowed(host_client, gite):
    existing = gite.opening_periods.get()
    posted = accommodation_data(**periods_data([(15, 12, 15, 4, existing.pk, True), (1, 1, 1, 1)], initial=1))
    posted.update({f"periodes-1-{name}": "" for name in ("start_day", "start_month", "end_day", "end_month")})

    response = host_client.post(edit_url(gite), posted)

    assert response.status_code == 302
    gite.refresh_from_db()
    assert not gite.open_all_year and rows(gite) == []
    assert (
        "Périodes d&#x27;ouverture non renseignées"
        in host_client.get(reverse("hostspace:accommodations")).content.decode()
    )


def test_save_and_add_another_period_comes_back_to_the_form_with_a_new_empty_row(host_client, gite):
    existing = gite.opening_periods.get()

    response = host_client.post(
        edit_url(gite), accommodation_data(add_period="1", **periods_data([(15, 12, 15, 4, existing.pk)], initial=1))
    )

    assert response.status_code == 302
    assert response["Location"] == edit_url(gite) + "#periodes"
    content = host_client.get(edit_url(gite)).content.decode()
    assert "<legend>Période 2</legend>" in content


@pytest.mark.parametrize(
    ("overrides", "rows_", "field_id", "message"),
    [
        ({}, [(31, 4, 30, 9)], "id_periodes-0-start_day", "Le 31 avril n&#x27;existe pas."),
        ({}, [(1, 6, 31, 6)], "id_periodes-0-end_day", "Le 31 juin n&#x27;existe pas."),
        ({}, [(1, 6, 30, 9), (15, 9, 15, 10)], None, "se chevauchent"),
        ({"open_all_year": "on"}, [(1, 6, 30, 9)], "id_open_all_year", "décochez « Ouvert toute l&#x27;année »"),
    ],
)
def test_wrong_periods_are_explained_by_their_field_and_nothing_is_saved(
    host_client, gite, overrides, rows_, field_id, message
):
    response = host_client.post(
        edit_url(gite), accommodation_data(name="Nouveau nom", **overrides, **periods_data(rows_))
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "rien n'a été enregistré" in content
    assert 'value="Nouveau nom"' in content
    last_month = rows_[-1][3]
    assert f'<option value="{last_month}" selected>' in content  # what the host chose is kept
    if field_id:
        assert re.search(rf'aria-describedby="[^"]*{field_id}_error"', content)
        assert f'id="{field_id}_error"' in content
        assert f'href="#{field_id}"' in content
    else:
        assert 'id="periods-errors"' in content and "periods-errors" in content.split('id="periodes"')[1][:200]
    gite.refresh_from_db()
    assert gite.name == "Gîte du Torrent" and gite.opening_notes == ""
    assert rows(gite) == [(15, 12, 15, 4)]


def test_a_half_filled_period_is_an_error_by_the_missing_lists(host_client, gite):
    partial = periods_data([(1, 6, 30, 9)])
    partial["periodes-0-end_month"] = ""

    response = host_client.post(edit_url(gite), accommodation_data(**partial))

    assert response.status_code == 200
    assert 'id="id_periodes-0-end_month_error"' in response.content.decode()
    assert rows(gite) == [(15, 12, 15, 4)]


def test_nothing_is_saved_when_the_periods_fail_while_saving(host_client, gite, monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(OpeningPeriod, "save", failing_save)
    host_client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        host_client.post(edit_url(gite), accommodation_data(name="Nouveau nom", **periods_data([(1, 6, 30, 9)])))

    gite.refresh_from_db()
    assert gite.name == "Gîte du Torrent"
    assert not RecordLogEntry.objects.filter(object_id=str(gite.pk), action="wagtail.edit").exists()


def test_another_hosts_periods_cannot_be_edited_through_the_form(host_client, gite, collectivity):
    stranger = AccommodationFactory(
        host=HostFactory(site=collectivity.site, with_account=True), periods=[(1, 7, 31, 7)]
    )
    foreign = stranger.opening_periods.get()

    host_client.post(
        edit_url(gite),
        accommodation_data(
            **periods_data([(15, 12, 15, 4, gite.opening_periods.get().pk), (1, 7, 31, 7, foreign.pk, True)], 2)
        ),
    )

    assert rows(stranger) == [(1, 7, 31, 7)]


def test_dashboard_shows_the_periods_and_notes(host_client, host, gite):
    AccommodationFactory(host=host, name="Hôtel Sud", opening_notes="Fermé le lundi")
    content = host_client.get("/espace-hebergeur/tableau-de-bord/").content.decode()

    assert "Ouverture : Du 15 décembre au 15 avril" in content
    assert "Ouverture : Toute l&#x27;année (Fermé le lundi)" in content
    english = host_client.get("/en/espace-hebergeur/tableau-de-bord/").content.decode()
    assert "Opening: 15 December to 15 April" in english


@pytest.mark.parametrize("count", [1, 100])
def test_dashboard_and_list_do_not_query_per_period(host_client, host, count, django_assert_max_num_queries):
    for accommodation in AccommodationFactory.create_batch(count, host=host, periods=[(1, 6, 30, 9), (15, 12, 15, 4)]):
        ClassificationFactory(accommodation=accommodation)
    dashboard = "/espace-hebergeur/tableau-de-bord/"
    host_client.get(dashboard)
    with django_assert_max_num_queries(15):
        response = host_client.get(dashboard)
    assert response.content.decode().count("Du 1er juin au 30 septembre et du 15 décembre au 15 avril") == count
    with django_assert_max_num_queries(15):
        listing = host_client.get(reverse("hostspace:accommodations"))
    assert listing.content.decode().count("Du 1er juin au 30 septembre") == count


# Agents' admin ---------------------------------------------------------------------------------------------


def admin_data(host, rows_=(), initial=0, **overrides):
    values = {
        "host": host.pk,
        "name": "Gîte du Lac",
        "kind": Accommodation.Kind.HOTEL,
        "capacity": 6,
        "registration_number": "",
        "open_all_year": "",
        "opening_notes": "",
        "address_line1": "1 rue",
        "address_line2": "",
        "postal_code": "05340",
        "commune": "Pelvoux",
        "opening_periods-TOTAL_FORMS": str(len(rows_)),
        "opening_periods-INITIAL_FORMS": str(initial),
        "opening_periods-MIN_NUM_FORMS": "0",
        "opening_periods-MAX_NUM_FORMS": "12",
    }
    for index, (start_day, start_month, end_day, end_month, *rest) in enumerate(rows_):
        values.update(
            {
                f"opening_periods-{index}-start_day": start_day,
                f"opening_periods-{index}-start_month": start_month,
                f"opening_periods-{index}-end_day": end_day,
                f"opening_periods-{index}-end_month": end_month,
                f"opening_periods-{index}-id": rest[0] if rest else "",
                f"opening_periods-{index}-ORDER": index,
            }
        )
    values.update(overrides)
    return values


def test_agent_edit_form_has_the_inline_panel_without_inline_script(agent_admin, host):
    accommodation = AccommodationFactory(host=host, periods=[(1, 6, 30, 9)])

    content = agent_admin.get(f"{ACCOMMODATIONS}edit/{accommodation.pk}/").content.decode()

    assert 'name="opening_periods-0-start_day"' in content
    assert 'data-portal-panel="InlinePanel"' in content
    assert "new InlinePanel" not in content
    assert 'name="open_all_year"' in content and 'name="opening_notes"' in content


def test_agent_creates_an_accommodation_with_periods_and_it_is_logged(agent_admin, host, agent):
    response = agent_admin.post(f"{ACCOMMODATIONS}new/", admin_data(host, [(15, 12, 15, 4), (1, 6, 30, 9)]))

    assert response.status_code == 302, response.content.decode()[:2000]
    accommodation = Accommodation.objects.get(name="Gîte du Lac")
    assert rows(accommodation) == [(1, 6, 30, 9), (15, 12, 15, 4)]
    assert RecordLogEntry.objects.filter(object_id=str(accommodation.pk), action="wagtail.create", user=agent).exists()


def test_agent_edits_the_periods(agent_admin, host, agent):
    accommodation = AccommodationFactory(host=host, periods=[(1, 6, 30, 9)])
    existing = accommodation.opening_periods.get()

    response = agent_admin.post(
        f"{ACCOMMODATIONS}edit/{accommodation.pk}/",
        admin_data(host, [(1, 6, 15, 9, existing.pk)], initial=1, opening_notes="Fermé le lundi"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert rows(accommodation) == [(1, 6, 15, 9)]
    assert RecordLogEntry.objects.filter(object_id=str(accommodation.pk), action="wagtail.edit", user=agent).exists()


@pytest.mark.parametrize(
    ("rows_", "overrides", "message"),
    [
        ([(1, 6, 30, 9), (15, 9, 15, 10)], {}, "se chevauchent"),
        ([(31, 4, 30, 9)], {}, "Le 31 avril n&#x27;existe pas."),
        ([(1, 6, 30, 9)], {"open_all_year": "on"}, "décochez « Ouvert toute l&#x27;année »"),
    ],
)
def test_agent_gets_a_message_by_wrong_periods_and_nothing_is_saved(agent_admin, host, rows_, overrides, message):
    response = agent_admin.post(f"{ACCOMMODATIONS}new/", admin_data(host, rows_, **overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Accommodation.objects.filter(name="Gîte du Lac").exists()
    assert not OpeningPeriod.objects.exists()


def test_agent_list_shows_and_export_writes_the_periods(agent_admin, host, collectivity, django_assert_max_num_queries):
    AccommodationFactory(host=host, name="Hôtel Été", periods=[(1, 6, 30, 9), (15, 12, 15, 4)])
    AccommodationFactory(host=host, name="Gîte Hiver", opening_notes="Fermé le lundi")
    for _ in range(15):
        AccommodationFactory(host=host, periods=[(1, 7, 31, 8)])

    agent_admin.get(ACCOMMODATIONS)
    with django_assert_max_num_queries(25):
        listing = agent_admin.get(ACCOMMODATIONS).content.decode()
    assert "Du 1er juin au 30 septembre et du 15 décembre au 15 avril" in listing
    assert "Toute l&#x27;année" in listing

    response = agent_admin.get(ACCOMMODATIONS, {"export": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header = table[0]
    by_name = {row[header.index("hebergement_nom")]: row for row in table[1:]}
    periods_column = header.index("periodes_ouverture")
    assert by_name["Hôtel Été"][periods_column] == "01/06-30/09; 15/12-15/04"
    assert by_name["Gîte Hiver"][periods_column] == "toute l'année"
    assert by_name["Gîte Hiver"][header.index("precisions_ouverture")] == "Fermé le lundi"


# CSV import ---------------------------------------------------------------------------------------------


def test_exported_periods_are_imported_back_and_an_unreadable_value_is_a_line_error(client_for, collectivity):
    from hostspace.backoffice import imports

    plan = imports.check(collectivity.site, imports.parse("\n".join([HEADER, *GOOD])))
    assert plan.is_valid, [line.errors for line in plan.lines]
    imports.save(collectivity.site, plan, None)
    assert rows(Accommodation.objects.get(name="Gîte A")) == [(15, 6, 15, 9)]
    assert rows(Accommodation.objects.get(name="Gîte B")) == [(1, 6, 30, 9), (15, 12, 15, 4)]
    assert Accommodation.objects.get(name="Hôtel des Écrins").open_all_year

    admin = agent_client(client_for, collectivity)
    bad = GOOD[2].replace("H-2", "H-9").replace("Toute l'année", "Été, sauf le lundi")
    content = admin.post(IMPORT, {"file": csv_file(GOOD[2].replace("H-2", "H-8"), bad)}).content.decode()
    assert "1 ligne contient des erreurs" in content
    assert "periodes_ouverture : « Été » n&#x27;est pas une période reconnue" in content
    assert "<td>3</td>" in content  # the line of the file, as the agent counts them (header = 1)
    assert 'name="confirm"' not in content


def test_sample_file_has_structured_periods():
    from hostspace.backoffice import imports

    sample = imports.sample_csv()
    assert '"15/12-15/04; 01/06-30/09"' in sample
