"""A4 documents printed with WeasyPrint (activation letters, états, notices), one way for all of them.

Each stylesheet is a static file parsed once per process: parsing is a good
part of printing a single letter. Relative URLs in the HTML are read from the
project's folder. WeasyPrint is imported on first use, so that the processes
that never print do not load it.
"""

from functools import cache

from django.conf import settings


@cache
def stylesheet(static_path):
    """The parsed CSS of the static file ``static_path`` (e.g. ``backoffice/css/letters.css``)."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS

    return CSS(filename=finders.find(static_path))


def document(html, static_css):
    """``html`` laid out with the stylesheet ``static_css``: a WeasyPrint document (``write_pdf()`` gives the bytes)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(stylesheets=[stylesheet(static_css)])
