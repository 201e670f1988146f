"""An upload past its area's limit is dropped as it arrives (never spooled), and the page says why."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from hostspace.records.models import Classification
from tests.factories import AccommodationFactory, HostFactory, StaffUserFactory, verified_login

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RECEIVED = []


class RecordingHandler(FileUploadHandler):
    """Placed just before Django's memory and temporary-file handlers: counts what they would keep."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        RECEIVED.append(0)

    def receive_data_chunk(self, raw_data, start):
        RECEIVED[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture(autouse=True)
def recorded(settings):
    handlers = list(settings.FILE_UPLOAD_HANDLERS)
    handlers.insert(len(handlers) - 2, "tests.records.test_upload_limits.RecordingHandler")
    settings.FILE_UPLOAD_HANDLERS = handlers
    RECEIVED.clear()
    return RECEIVED


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_request_limits_are_set_for_the_portal():
    assert settings.FILE_UPLOAD_HANDLERS[0] == "portal.uploads.SizeLimitedUploadHandler"
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024


def test_a_hosts_oversize_decision_is_dropped_as_it_arrives_and_the_form_says_so(client_for, collectivity, recorded):
    host = HostFactory(with_account=True, site=collectivity.site)
    hotel = AccommodationFactory(host=host)
    client = client_for(collectivity)
    client.force_login(host.user)
    big = PDF + b"0" * (8 * 1024 * 1024)

    response = client.post(
        reverse("hostspace:classification_request"),
        {
            "accommodation": hotel.pk,
            "rating": Classification.Rating.FOUR,
            "decision_date": "2026-01-15",
            "decision_document": SimpleUploadedFile("arrete-classement.pdf", big, content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Le fichier « arrete-classement.pdf » est trop volumineux : 5 Mo au maximum." in content
    assert "Ce champ est obligatoire" not in content
    assert 'value="2026-01-15"' in content  # what was typed is kept
    assert not Classification.objects.exists()
    assert max(recorded) <= settings.UPLOAD_MAX_FILE_SIZE


@pytest.fixture
def editor_client(client_for, collectivity):
    """An editor allowed to add documents to the root collection."""
    editor = StaffUserFactory(collectivity=collectivity.site)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="Éditeurs de test")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename="add_document"),
    )
    editor.groups.add(group)
    return verified_login(client_for(collectivity), editor)


def test_an_editors_upload_past_the_admin_limit_is_dropped_with_a_message(editor_client, settings, recorded):
    settings.ADMIN_UPLOAD_MAX_FILE_SIZE = 1024 * 1024
    big = SimpleUploadedFile("guide.pdf", PDF + b"0" * (2 * 1024 * 1024))

    response = editor_client.post(
        "/admin/documents/add/",
        {"title": "Guide", "collection": Collection.get_first_root_node().pk, "file": big},
        follow=True,
    )

    assert "Le fichier « guide.pdf » est trop volumineux : 1 Mo au maximum." in response.content.decode()
    assert not get_document_model().objects.exists()
    assert max(recorded) <= 1024 * 1024
