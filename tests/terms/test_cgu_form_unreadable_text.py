"""A CGU text the editor widget cannot read (not Draftail's JSON) gets a message on the form, not a server error."""

import json

import pytest
from django.contrib.auth.models import Permission

from hostspace.terms.models import TermsVersion
from tests.factories import StaffUserFactory, TermsVersionFactory, verified_login

pytestmark = pytest.mark.django_db

ADD = "/admin/conditions/add/"
UNREADABLE = "Message collé depuis un traitement de texte, sans passer par l'éditeur"


def draftail(text):
    block = {"key": "a", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


@pytest.fixture
def editor(client_for, collectivity):
    user = StaffUserFactory(email="editeur@example.com", collectivity=collectivity.site)
    for codename in ("access_admin", "add_termsversion", "change_termsversion", "view_termsversion"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return verified_login(client_for(collectivity), user)


def cgu_data(**overrides):
    return {
        "kind": "cgu",
        "label": "Version 3",
        "in_force_from": "",
        "text": draftail("Conditions."),
        "text_en": "null",
        **overrides,
    }


@pytest.mark.parametrize("field", ["text", "text_en"])
@pytest.mark.parametrize("value", [UNREADABLE, "[1, 2]", '{"blocks": 3}', '{"blocks": [{"text": 1}]}'])
def test_an_unreadable_text_is_refused_with_a_message_and_the_other_values_kept(editor, field, value):
    response = editor.post(ADD, cgu_data(**{field: value}))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Le texte envoyé n&#x27;a pas pu être lu" in content
    assert 'value="Version 3"' in content
    assert not TermsVersion.objects.filter(label="Version 3").exists()


def test_an_empty_cgu_text_is_required_and_an_empty_translation_is_not(editor):
    refused = editor.post(ADD, cgu_data(text="null"))
    accepted = editor.post(ADD, cgu_data(text_en="null"))

    assert refused.status_code == 200 and "Champ requis." in refused.content.decode()
    assert accepted.status_code == 302


def test_an_unreadable_text_on_an_edit_leaves_the_stored_text_untouched(editor, collectivity):
    version = TermsVersionFactory(site=collectivity.site, label="Version 2", in_force_from=None)
    stored = version.text

    response = editor.post(
        f"/admin/conditions/edit/{version.pk}/",
        {"kind": "cgu", "label": "Version 2", "in_force_from": "", "text": UNREADABLE, "text_en": "null"},
    )

    assert response.status_code == 200
    assert "Le texte envoyé n&#x27;a pas pu être lu" in response.content.decode()
    version.refresh_from_db()
    assert version.text == stored
