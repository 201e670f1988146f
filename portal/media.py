"""Public uploads (``MEDIA_URL``) served by the application, in every environment, with safe headers.

Under the documented deployment (gunicorn behind a TLS proxy, no other web
server for files) nothing answered ``/media/``: logos, video posters and
illustrations were broken in production. The portal serves them itself, like
WhiteNoise serves static files, so the set-up has no extra piece to forget; a
proxy may still take ``/media/`` over with the same headers (README, « Deployment »).

What leaves from here cannot run as a page of the collectivity's host name:

- every file has ``X-Content-Type-Options: nosniff`` and
  ``Content-Security-Policy: default-src 'none'; sandbox``, so even a file a
  browser opened directly runs no script and reaches nothing;
- only raster images (JPEG, PNG, WebP, GIF: what Wagtail images accept) are
  shown inline, for logos and illustrations; anything else is a download
  (``Content-Disposition: attachment``);
- Wagtail documents (``documents/``) are not served here: their view checks
  the collection's privacy (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``). Hosts'
  private files are not under ``MEDIA_ROOT`` at all (``PRIVATE_MEDIA_ROOT``).
"""

import mimetypes
import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# By extension, not from the system's MIME table (which may lack WebP): the only files shown inline.
INLINE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# Folders whose files have their own permission-checked views.
NOT_HERE = ("documents/",)
# Image files keep their name for their whole life (a new upload or rendition gets a new one).
MAX_AGE = 60 * 60 * 24 * 7
SANDBOX = "default-src 'none'; sandbox"


def _clean(path):
    """``path`` within the storage, or None when it tries to leave it or names a folder."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if not path or normalised in ("", ".") or normalised.startswith("..") or path.endswith("/"):
        return None
    return normalised


@require_safe
def public_media(request, path):
    """One public upload, with the headers of the module docstring, or 404."""
    name = _clean(path)
    if name is None or name.startswith(NOT_HERE) or not default_storage.exists(name):
        raise Http404
    inline_type = INLINE_TYPES.get(posixpath.splitext(name)[1].lower())
    inline = inline_type is not None
    content_type = inline_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=posixpath.basename(name),
    )
    if inline:
        del response["Content-Disposition"]
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
