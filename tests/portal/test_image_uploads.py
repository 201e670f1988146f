"""Editors cannot upload an SVG as an image: it may carry a script served from the collectivity's host name."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from tests.factories import StaffUserFactory, verified_login

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text()).then(alert)</script><rect width='10' height='10'/></svg>"
)


@pytest.fixture
def editor(client_for, collectivity):
    user = StaffUserFactory(collectivity=collectivity.site)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="Éditeurs – test")
    for codename in ("add_image", "change_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
        )
    user.groups.add(group)
    return verified_login(client_for(collectivity), user)


def test_svg_is_not_an_accepted_image_type():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS


def test_an_editors_svg_with_a_script_is_refused_with_a_message(editor):
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT, content_type="image/svg+xml"),
        },
    )

    assert response.status_code == 200
    assert "Format d&#x27;image non supporté" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_svg_renamed_png_is_refused_too(editor):
    editor.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.png", SVG_WITH_SCRIPT, content_type="image/png"),
        },
    )

    assert not get_image_model().objects.exists()
