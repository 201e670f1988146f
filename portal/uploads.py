"""Uploaded files stop being received at the size their area allows, before Django keeps them.

Django keeps an uploaded file in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``,
then spools the rest to a temporary file, and only afterwards does a form see
its size: a 300 MB upload was written to disk before being refused. This
handler comes first in ``FILE_UPLOAD_HANDLERS``: it counts each file's bytes as
they arrive and, past the limit, drops the file (the handlers after it never
receive a byte more, and the part already received is deleted), while the
other fields of the form are still read, so the page can answer with what was
typed and a message.

The limits (``UPLOAD_MAX_FILE_SIZE`` for the public site and the host space,
``ADMIN_UPLOAD_MAX_FILE_SIZE`` for the admin, where editors upload tutorial
videos) are the largest file each area accepts; forms keep their own, smaller
rules (a decision: 5 MB). The reverse proxy refuses bodies larger still
(README, « Deployment »).
"""

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

REFUSED_ATTRIBUTE = "refused_uploads"


def upload_limit(request):
    """The largest file, in bytes, that ``request`` may upload."""
    if request is not None and request.path_info.startswith("/admin/"):
        return settings.ADMIN_UPLOAD_MAX_FILE_SIZE
    return settings.UPLOAD_MAX_FILE_SIZE


def refused_uploads(request):
    """``{field name: (file name, limit)}`` of the files of ``request`` dropped for their size."""
    return getattr(request, REFUSED_ATTRIBUTE, {})


def megabytes(size):
    """``5 Mo``, ``2,5 Mo``: a size as people read it (Django's filter says « Mio »)."""
    number = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return _("%(number)s Mo") % {"number": number.replace(".", ",")}


def too_large_message(file_name, limit):
    return _(
        "Le fichier « %(name)s » est trop volumineux : %(limit)s au maximum. Il n'a pas été reçu ; "
        "envoyez un fichier plus léger."
    ) % {
        "name": file_name,
        "limit": megabytes(limit),
    }


class SizeLimitedUploadHandler(FileUploadHandler):
    """Drops a file as soon as it grows past :func:`upload_limit` (first of ``FILE_UPLOAD_HANDLERS``)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = upload_limit(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the uploaded file

    def _refuse(self):
        if self.request is None:
            return
        refused = refused_uploads(self.request)
        refused[self.field_name] = (self.file_name, self.limit)
        setattr(self.request, REFUSED_ATTRIBUTE, refused)
        if self.request.path_info.startswith("/admin/") and hasattr(self.request, "_messages"):
            # Wagtail's forms cannot be taught about it: the admin says it above the form.
            messages.error(self.request, too_large_message(self.file_name, self.limit))
