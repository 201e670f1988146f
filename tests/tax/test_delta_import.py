"""Agents import their collectivity's deliberation from the DGFiP's DELTA file: preview first, then all or nothing."""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import hostspace.tax
from hostspace.tax import engine, imports
from hostspace.tax.models import Deliberation, TaxLogEntry
from tests.factories import DeliberationFactory, StaffUserFactory, verified_login

pytestmark = pytest.mark.django_db

IMPORT = "/admin/deliberations/import/"
FIXTURE = Path(hostspace.tax.__file__).parent / "fixtures" / "delta_example.xml"
ECRINS_SIREN = "200099018"
SERREPONCON_SIREN = "200099026"


def upload(content=None, name="delta.xml"):
    return SimpleUploadedFile(name, FIXTURE.read_bytes() if content is None else content, content_type="text/xml")


def text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def ecrins(collectivity):
    collectivity.branding.siren = ECRINS_SIREN
    collectivity.branding.save()
    return collectivity


@pytest.fixture
def agent(ecrins, agent_for, grid):
    return agent_for(ecrins)


def test_the_preview_shows_the_collectivitys_deliberation_and_saves_nothing(agent):
    response = agent.post(IMPORT, {"file": upload()})

    assert response.status_code == 200
    page = text(response)
    assert "Le fichier est correct : 1 délibération sera créée pour votre collectivité." in page
    assert "Délibération du 10 septembre 2026 (DELTA)" in page
    assert "du 1er janvier 2027 au 31 décembre 2027" in page
    assert "Palaces 4,00 €" in page and "villages de vacances 4 et 5 étoiles 0,90 €" in page
    assert "Hébergements en attente de classement ou sans classement 5 %" in page
    assert "Taxe additionnelle départementale (10 %)" in page
    assert "Seuil d'exonération des petits loyers 1,00 €" in page
    assert "Au réel" in page
    assert "Aucune grille nationale n'est enregistrée pour 2027" in page  # 2027 has no grid yet: a warning
    assert 'name="confirm"' in response.content.decode()
    assert not Deliberation.objects.exists()


def test_the_confirmation_creates_the_deliberation_in_the_agents_collectivity(agent, ecrins):
    DeliberationFactory(site=ecrins.site, year=2026, declaration_frequency="quarterly", due_days=20)
    preview = agent.post(IMPORT, {"file": upload()})

    response = agent.post(IMPORT, {"confirm": "1", "token": preview.context["token"]}, follow=True)

    assert "Import terminé : 1 délibération(s) créée(s)." in text(response)
    assert "Aucune grille nationale n'est enregistrée pour 2027" in text(response)
    imported = Deliberation.objects.get(valid_from=datetime.date(2027, 1, 1))
    assert imported.site == ecrins.site
    assert imported.valid_until == datetime.date(2027, 12, 31)
    assert imported.adopted_on == datetime.date(2026, 9, 10)
    assert imported.tariff_palace == Decimal("4.00") and imported.tariff_1_star == Decimal("0.80")
    assert imported.unclassified_rate == Decimal("5")
    assert imported.surcharge_codes() == [engine.DEPARTMENTAL]
    assert imported.low_rent_threshold == Decimal("1.00")
    assert imported.regimes == {}
    # DELTA says nothing of the declarations' rhythm: carried over from the previous deliberation.
    assert (imported.declaration_frequency, imported.due_days) == ("quarterly", 20)
    assert TaxLogEntry.objects.filter(action=imports.IMPORT_ACTION, site=ecrins.site).count() == 1
    # A second confirmation of the same preview creates nothing more.
    agent.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})
    assert Deliberation.objects.count() == 2


def test_each_collectivity_imports_its_own_deliberation_from_the_same_file(other_collectivity, agent_for, grid):
    other_collectivity.branding.siren = SERREPONCON_SIREN
    other_collectivity.branding.save()
    agent = agent_for(other_collectivity)

    preview = agent.post(IMPORT, {"file": upload()})
    agent.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    imported = Deliberation.objects.get()
    assert imported.site == other_collectivity.site
    assert imported.tariff_3_stars == Decimal("1.20")
    assert imported.unclassified_rate == Decimal("4")


def test_an_invalid_file_is_refused_on_the_same_page_with_its_errors(agent):
    response = agent.post(IMPORT, {"file": upload(b"<delta><deliberation>", name="casse.xml")})

    assert response.status_code == 200
    page = text(response)
    assert "Rien n'a été importé." in page
    assert "Le fichier est refusé :" in page
    assert "n'est pas un XML bien formé" in page
    assert 'name="confirm"' not in response.content.decode()


def test_a_file_that_is_not_xml_at_all_is_refused_too(agent):
    response = agent.post(IMPORT, {"file": upload(b"\x89PNG\r\n\x1a\n\x00\x00binary", name="image.xml")})

    assert response.status_code == 200
    assert "Rien n'a été importé." in text(response)


def test_a_file_without_the_agents_siren_is_refused(agent, ecrins):
    ecrins.branding.siren = "552100554"
    ecrins.branding.save()

    response = agent.post(IMPORT, {"file": upload()})

    page = text(response)
    assert "Le fichier contient 2 délibération(s), aucune pour le SIREN 552100554 de votre collectivité." in page
    assert not Deliberation.objects.exists()


def test_without_a_siren_the_agent_is_told_who_enters_it(collectivity, agent_for, grid):
    response = agent_for(collectivity).post(IMPORT, {"file": upload()})

    assert "Le SIREN de votre collectivité n'est pas renseigné" in text(response)


def test_a_deliberation_overlapping_one_already_entered_is_shown_and_not_imported(agent, ecrins):
    DeliberationFactory(site=ecrins.site, year=2027, label="Saisie à la main")

    response = agent.post(IMPORT, {"file": upload()})

    page = text(response)
    assert "rien n'a été importé" in page
    assert "chevauche celle de « Saisie à la main »" in page
    assert 'name="confirm"' not in response.content.decode()
    assert Deliberation.objects.count() == 1


def test_a_tariff_outside_a_known_grid_is_shown_in_the_preview(agent):
    content = FIXTURE.read_bytes().replace(b"<date>01/01/2027</date>", b"<date>01/01/2026</date>")
    content = content.replace(b'<tarif categorieId="1">4.00</tarif>', b'<tarif categorieId="1">5.00</tarif>')

    response = agent.post(IMPORT, {"file": upload(content)})

    page = text(response)
    assert "Le tarif de 5,00 € pour « Palaces » est hors de la grille nationale" in page
    assert "compris entre 0,70 € et 4,90 €" in page
    assert 'name="confirm"' not in response.content.decode()


def test_the_confirmation_checks_again_and_imports_nothing_when_things_changed(agent, ecrins):
    preview = agent.post(IMPORT, {"file": upload()})
    DeliberationFactory(site=ecrins.site, year=2027, label="Entrée entre-temps")

    response = agent.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    assert "chevauche celle de « Entrée entre-temps »" in text(response)
    assert Deliberation.objects.count() == 1


def test_a_forged_or_expired_confirmation_is_refused(agent):
    agent.post(IMPORT, {"file": upload()})

    response = agent.post(IMPORT, {"confirm": "1", "token": "forged"}, follow=True)

    assert "Cet import a expiré : chargez le fichier à nouveau." in text(response)
    assert not Deliberation.objects.exists()


def test_mixed_regimes_are_left_to_the_agent(ecrins):
    content = FIXTURE.read_bytes().replace(
        b'<regime natureId="10">R\xc3\xa9el</regime>', b'<regime natureId="10">Forfaitaire</regime>', 1
    )

    plan = imports.read(ecrins.site, content)

    assert not plan.is_valid
    assert "régimes différents selon la nature" in plan.errors[0]


def test_a_forfait_deliberation_brings_its_collection_periods(ecrins, grid):
    content = FIXTURE.read_bytes().replace("Réel".encode(), b"Forfaitaire")
    content = content.replace(b"<abattements/>", b"<abattements><taux>30</taux><nuiteMin>1</nuiteMin></abattements>", 1)
    content = content.replace(b"<dateDebut>01 janvier</dateDebut>", b"<dateDebut>01 juin</dateDebut>", 1).replace(
        b"<dateFin>31 d\xc3\xa9cembre</dateFin>", b"<dateFin>30 septembre</dateFin>", 1
    )

    plan = imports.read(ecrins.site, content)
    assert plan.is_valid, [row.errors for row in plan.rows]
    imports.save(ecrins.site, imports.restore(ecrins.site, plan.as_session()), user=None)

    imported = Deliberation.objects.get()
    assert imported.regime_for("meuble") == engine.FORFAIT
    assert imported.abatement_percent == Decimal("30")
    assert [str(period) for period in imported.collection_periods.all()] == ["du 1er juin au 30 septembre"]


def test_the_import_is_for_agents_only(collectivity, client_for):
    editor = StaffUserFactory(email="editeur@example.com", collectivity=collectivity.site)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = verified_login(client_for(collectivity), editor)

    response = client.get(IMPORT)

    assert (response.status_code, response.url) == (302, "/admin/")


def test_a_siren_must_be_nine_digits_with_a_valid_key(collectivity):
    branding = collectivity.branding
    for wrong in ("20009901", "200099019", "200 099 018"):
        branding.siren = wrong
        with pytest.raises(ValidationError) as error:
            branding.full_clean()
        assert "siren" in error.value.message_dict
    branding.siren = ECRINS_SIREN
    branding.full_clean()
