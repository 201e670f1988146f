"""Serve a tutorial's files from storage through Django, with byte ranges so that video players can seek.

Going through the page (rather than a raw /media/ URL) keeps the files on the
site that publishes them and gives captions the ``text/vtt`` type browsers need.
"""

import contextlib
import mimetypes
import re

from django.http import FileResponse, HttpResponse
from django.utils.http import http_date

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _parse_range(header, size):
    """(start, end) of a single ``bytes=`` range, or None when absent or unusable."""
    match = RANGE_RE.match((header or "").strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0:
            return None
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, min(end, size - 1)


class FileSlice:
    """``length`` bytes of an open file from ``start``: a byte range, read piece by piece as it is sent.

    ``FileResponse`` (or gunicorn's file wrapper) asks for one block at a time;
    reads stop at the end of the range, so a 50 MB video asked with
    ``Range: bytes=0-`` is never held in memory.
    """

    def __init__(self, file, start, length):
        file.seek(start)
        self.file = file
        self.remaining = length

    def read(self, size=-1):
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def close(self):
        self.file.close()


def serve_file(request, field_file, content_type=None):
    """A response streaming ``field_file``: whole (200), or the byte range asked (206), or 416 for a range past its end."""
    content_type = content_type or mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    size = field_file.size
    byte_range = _parse_range(request.headers.get("Range"), size)
    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    field_file.open("rb")
    if byte_range is None:
        response = FileResponse(field_file, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = byte_range
        response = FileResponse(FileSlice(field_file, start, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    with contextlib.suppress(NotImplementedError, OSError, AttributeError):
        response["Last-Modified"] = http_date(field_file.storage.get_modified_time(field_file.name).timestamp())
    return response
