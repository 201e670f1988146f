"""Editors and agents publish CGU/privacy versions for their collectivity; agents export acceptances as CSV."""

import csv
import io

import pytest

from hostspace.terms.models import TermsVersion
from tests.factories import TermsAcceptanceFactory, TermsVersionFactory, UserFactory, staff_client

pytestmark = pytest.mark.django_db

SNIPPETS = "/admin/conditions/"


@pytest.fixture
def editor(collectivity, client_for):
    return staff_client(
        client_for,
        collectivity,
        "terms.add_termsversion",
        "terms.change_termsversion",
        "terms.delete_termsversion",
        "terms.view_termsversion",
    )


def test_an_editor_lists_only_the_versions_of_their_collectivity(collectivity, other_collectivity, editor):
    TermsVersionFactory(site=collectivity.site, label="CGU des Écrins")
    TermsVersionFactory(site=other_collectivity.site, label="CGU de Serre-Ponçon")
    page = editor.get(SNIPPETS).content.decode()
    assert "CGU des Écrins" in page
    assert "CGU de Serre-Ponçon" not in page


def test_an_editor_publishes_a_version_for_their_own_collectivity(collectivity, editor):
    form = editor.get(SNIPPETS + "add/").content.decode()
    assert 'name="site"' not in form
    response = editor.post(
        SNIPPETS + "add/",
        {
            "kind": "cgu",
            "label": "Version 2",
            "in_force_from": "2026-12-01",
            "text": '{"blocks":[{"key":"a","text":"Nouvelles conditions.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "text_en": "null",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    version = TermsVersion.objects.get(label="Version 2")
    assert version.site == collectivity.site


def test_an_editor_cannot_open_another_collectivity_s_version(collectivity, other_collectivity, editor):
    foreign = TermsVersionFactory(site=other_collectivity.site)
    assert editor.get(f"{SNIPPETS}edit/{foreign.pk}/").status_code in (302, 403, 404)
    assert editor.post(f"{SNIPPETS}delete/{foreign.pk}/").status_code in (302, 403, 404)
    assert TermsVersion.objects.filter(pk=foreign.pk).exists()


def test_an_accepted_version_is_kept(collectivity, editor):
    version = TermsVersionFactory(site=collectivity.site)
    TermsAcceptanceFactory(version=version)
    editor.post(f"{SNIPPETS}delete/{version.pk}/")
    assert TermsVersion.objects.filter(pk=version.pk).exists()


def test_agents_export_only_their_collectivity_s_acceptances_as_csv(collectivity, other_collectivity, client_for):
    agent = staff_client(client_for, collectivity, "terms.view_termsacceptance")
    mine = TermsVersionFactory(site=collectivity.site, label="CGU v1")
    theirs = TermsVersionFactory(site=other_collectivity.site, label="CGU Serre")
    TermsAcceptanceFactory(version=mine, user=UserFactory(email="hote@example.com"), user_agent="=cmd|' /C calc'!A0")
    TermsAcceptanceFactory(version=theirs, user=UserFactory(email="voisin@example.com"))
    assert "hote@example.com" in agent.get("/admin/acceptations-cgu/").content.decode()
    response = agent.get("/admin/acceptations-cgu/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Courriel"
    assert [row[0] for row in rows[1:]] == ["hote@example.com"]
    assert rows[1][4] == "CGU v1"
    assert rows[1][7] == "203.0.113.7"
    assert rows[1][8].startswith("'=")


def test_staff_without_the_permission_cannot_export(collectivity, client_for):
    editor = staff_client(client_for, collectivity)
    assert editor.get("/admin/acceptations-cgu/export.csv").status_code in (302, 403)
