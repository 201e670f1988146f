"""Public uploads answer under /media/ in production, images inline, anything else as a sandboxed download."""

import io
import re

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tests.production import PRODUCTION_ENV, run_manage


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#1d4f91").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_collectivitys_logo_on_its_home_page_answers_inline_with_safe_headers(client_for, collectivity):
    collectivity.branding.logo = wagtail_factories.ImageFactory(title="Logo")
    collectivity.branding.save()
    page = client_for(collectivity).get("/").content.decode()
    logo = re.search(r'<img[^>]*class="site-brand__logo"[^>]*>', page).group(0)
    logo_url = re.search(r'src="(/media/images/[^"]+)"', logo).group(1)

    response = client_for(collectivity).get(logo_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Content-Disposition" not in response
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG rendition


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("tutorials/captions/piste.vtt", b"WEBVTT\n"), ("images/page.html", b"<script>alert(1)</script>")],
)
def test_anything_but_an_image_is_a_sandboxed_download(client_for, collectivity, name, content):
    stored = default_storage.save(name, ContentFile(content))

    response = client_for(collectivity).get(f"/media/{stored}")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/media/documents/guide.pdf", "/media/../portal/settings/base.py", "/media/images/", "/media/nothing.png"]
)
def test_documents_folders_paths_outside_and_missing_files_are_not_found(client_for, collectivity, path):
    default_storage.save("documents/guide.pdf", ContentFile(b"%PDF-1.7"))

    assert client_for(collectivity).get(path).status_code == 404


@pytest.mark.django_db
def test_uploads_are_read_only(client_for, collectivity):
    stored = default_storage.save("images/logo.png", ContentFile(png_bytes()))

    assert client_for(collectivity).post(f"/media/{stored}").status_code == 405


def test_with_the_production_settings_a_logo_answers_200(tmp_path):
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "logo.png").write_bytes(png_bytes())
    script = (
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='paysdesecrins.example').get('/media/original_images/logo.png', secure=True)\n"
        "print(r.status_code, r['Content-Type'], r['X-Content-Type-Options'], r['Content-Security-Policy'], "
        "r.has_header('Content-Disposition'), sep='|')\n"
    )
    result = run_manage("shell", "-c", script, env={**PRODUCTION_ENV, "MEDIA_ROOT": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "200|image/png|nosniff|default-src 'none'; sandbox|False"
