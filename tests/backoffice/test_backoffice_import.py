"""Agents import hosts with their accommodations from a CSV file: preview first, then all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hostspace.backoffice import imports
from hostspace.records.models import Accommodation, Host, RecordLogEntry
from tests.backoffice.import_files import GOOD, HEADER, IMPORT, csv_file
from tests.factories import HostFactory

pytestmark = pytest.mark.django_db


def test_preview_shows_what_will_be_created_and_saves_nothing(agent_admin):
    response = agent_admin.post(IMPORT, {"file": csv_file(*GOOD)})

    assert response.status_code == 200
    content = response.content.decode()
    assert "2 hébergeur(s) et 3 hébergement(s) seront créés" in content
    assert 'name="confirm"' in content
    assert not Host.objects.exists()


def test_confirmed_import_creates_hosts_and_accommodations_in_the_agents_collectivity(agent_admin, collectivity):
    preview = agent_admin.post(IMPORT, {"file": csv_file(*GOOD)})

    response = agent_admin.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    assert response.status_code == 302
    roux = Host.objects.get(reference="H-1")
    assert roux.site == collectivity.site
    assert roux.phone == "+33492234567"
    assert sorted(roux.accommodations.values_list("name", flat=True)) == ["Gîte A", "Gîte B"]
    assert Accommodation.objects.get(name="Hôtel des Écrins").kind == Accommodation.Kind.HOTEL
    assert RecordLogEntry.objects.filter(action="hostspace.import").count() == 5


def test_each_wrong_line_is_reported_and_nothing_is_imported(agent_admin):
    bad = [
        GOOD[0],
        GOOD[2].replace("73282932000074", "73282932000075"),
        GOOD[2].replace("H-2", "H-3").replace(";40;", ";beaucoup;").replace("Faure", "Blanc"),
        "H-4;Mme;Anne;Morel;;;;0123;1 rue;;05340;Pelvoux;Studio;Meublé de tourisme;1 rue;;05340;Pelvoux;2;ABC;",
    ]

    response = agent_admin.post(IMPORT, {"file": csv_file(*bad)})

    content = response.content.decode()
    assert "3 lignes contiennent des erreurs" in content
    assert "siret : Ce numéro SIRET n" in content
    assert "capacite :" in content
    assert "telephone : Ce numéro de téléphone n" in content
    assert "numero_enregistrement :" in content
    assert 'name="confirm"' not in content
    assert not Host.objects.exists()
    # a confirmation forged for this file is refused as well
    agent_admin.post(IMPORT, {"confirm": "1", "token": "forged"})
    assert not Host.objects.exists()


def test_a_reference_already_used_in_the_collectivity_is_an_error(agent_admin, collectivity):
    HostFactory(site=collectivity.site, with_account=True, reference="H-2")

    content = agent_admin.post(IMPORT, {"file": csv_file(*GOOD)}).content.decode()

    assert "ce numéro existe déjà dans votre collectivité" in content
    assert Host.objects.count() == 1


def test_file_without_the_required_columns_is_refused_with_a_message(agent_admin):
    response = agent_admin.post(IMPORT, {"file": SimpleUploadedFile("x.csv", b"a;b\n1;2\n", content_type="text/csv")})

    assert "Colonnes manquantes" in response.content.decode()


def test_save_rolls_back_everything_when_a_line_fails_while_saving(collectivity, monkeypatch):
    plan = imports.check(collectivity.site, imports.parse("\n".join([HEADER, *GOOD])))
    original = Accommodation.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Accommodation, "save", failing_save)
    with pytest.raises(RuntimeError):
        imports.save(collectivity.site, plan, None)

    assert not Host.objects.exists() and not Accommodation.objects.exists()


def test_sample_file_is_importable(collectivity):
    plan = imports.check(collectivity.site, imports.parse(imports.sample_csv().lstrip("\ufeff")))

    assert plan.is_valid, [line.errors for line in plan.lines]


def test_import_records_the_current_classification_as_validated(agent_admin, collectivity):
    from hostspace.records.models import Classification

    line = GOOD[2] + ";3 étoiles;12/05/2022"
    preview = agent_admin.post(IMPORT, {"file": csv_file(line)})
    agent_admin.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    hotel = Accommodation.objects.get(name="Hôtel des Écrins")
    current = hotel.current_classification()
    assert current.rating == Classification.Rating.THREE
    assert current.status == Classification.Status.VALIDATED
    assert str(current.expires_on) == "2027-05-12"


def test_a_classified_line_without_decision_date_is_an_error(agent_admin):
    content = agent_admin.post(IMPORT, {"file": csv_file(GOOD[2] + ";4 étoiles;")}).content.decode()

    assert "date_decision : Obligatoire pour un hébergement classé" in content
    assert not Host.objects.exists()
