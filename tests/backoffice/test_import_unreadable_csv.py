"""A CSV the reader cannot read (a cell over 128 KiB, a quote never closed) gets a French message on the import page."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hostspace.backoffice import imports
from hostspace.records.models import Host
from tests.factories import agent_client

pytestmark = pytest.mark.django_db

IMPORT = "/admin/hebergeurs-import/"
HEADER = ";".join(imports.COLUMNS)
LINE = (
    "H-1;Mme;Claire;Roux;;;claire@example.org;04 92 23 45 67;5 rue des Alpes;;05340;Pelvoux;"
    "Gîte A;Meublé de tourisme;Ailefroide;;05340;Pelvoux;6;05101000123AB;Toute l'année"
)


def upload(admin, *lines):
    content = "\n".join([HEADER, *lines]).encode("utf-8")
    return admin.post(IMPORT, {"file": SimpleUploadedFile("hebergeurs.csv", content, content_type="text/csv")})


@pytest.fixture
def admin(client_for, collectivity):
    return agent_client(client_for, collectivity)


def test_a_cell_of_more_than_128_kib_is_reported_in_french_on_the_import_page(admin):
    huge_note = "x" * (200 * 1024)

    response = upload(admin, LINE, LINE.replace("Toute l'année", f'"{huge_note}"'))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ligne 3 illisible : une cellule dépasse 128 Ko" in content
    assert "field larger than field limit" not in content
    assert not Host.objects.exists()


def test_a_quote_never_closed_makes_the_line_wrong_not_a_server_error(admin):
    response = upload(admin, LINE, 'H-2;M.;"Marc;Faure')

    assert response.status_code == 200
    assert "rien n'a été importé" in html.unescape(response.content.decode())
    assert not Host.objects.exists()
