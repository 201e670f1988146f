"""Private documents of hosts: classification decisions and activation letters.

They never live under MEDIA_ROOT: :class:`PrivateStorage` writes them under
``settings.PRIVATE_MEDIA_ROOT`` with no public URL, and :func:`serve` hands
them out through views that check who asks (the owner or an agent of the
owner's collectivity).
"""

import mimetypes
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_SIZE = 5 * 1024 * 1024

# What the first bytes of an accepted file must be; the browser's content type is not trusted.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """File storage outside the public media folder, read from settings at each use (tests move it)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private documents have no public URL.")


def decision_upload_to(instance, filename):
    """Where a classification decision is stored: per collectivity, under a random name."""
    site_id = instance.accommodation.host.site_id
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"classifications/{site_id}/{uuid.uuid4().hex}.{extension}"


def sniff_content_type(uploaded):
    """The real type of an uploaded file from its first bytes, or None when it is not accepted."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def validate_decision_document(uploaded):
    """A decision is a PDF, JPEG or PNG of at most 5 MB, whatever its name or declared type says."""
    if uploaded.size > MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("Le fichier est trop volumineux (%(size)s Mo) : 5 Mo au maximum."),
            params={"size": f"{uploaded.size / 1024 / 1024:.1f}".replace(".", ",")},
            code="file_too_large",
        )
    content_type = sniff_content_type(uploaded)
    if content_type is None:
        raise ValidationError(
            _("Ce fichier n'est ni un PDF, ni une image JPEG ou PNG."),
            code="file_type",
        )
    return content_type


def serve(file_field, download_name):
    """Send a private file as an attachment, with a type guessed from its stored name."""
    content_type = mimetypes.guess_type(file_field.name)[0] or "application/octet-stream"
    response = FileResponse(
        file_field.open("rb"), as_attachment=True, filename=download_name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
