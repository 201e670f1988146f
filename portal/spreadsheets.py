"""CSV files in and out, one way for every import and export.

Reading: the separator is read from the header line only (semicolon, tab or
comma: French spreadsheets write semicolons), headers are normalised
(« Code postal » -> ``code_postal``) and blank lines skipped. Writing:
semicolons, a byte-order mark so that spreadsheets read UTF-8, and any text a
spreadsheet would run as a formula (a host can type « =HYPERLINK(…) ») kept as text.
"""

import csv
import io
import unicodedata

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class MissingColumns(ValueError):
    """The header lacks required columns; ``str()`` lists them."""

    def __init__(self, columns):
        self.columns = columns
        super().__init__(", ".join(columns))


class UnreadableCSV(ValueError):
    """A line the CSV reader cannot read (an unclosed quote, a field of more than 128 KiB…)."""


def normalise_header(name):
    """« Date de création » -> ``date_de_creation``; « Complément d'adresse » -> ``complement_d_adresse``."""
    text = unicodedata.normalize("NFKD", (name or "").strip().lower().lstrip("\ufeff"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "".join(char if char.isalnum() else "_" for char in text).strip("_")


def delimiter_of(header_line):
    """The separator, read from the header line only (semicolon, tab or comma), so data cannot mislead it."""
    for candidate in (";", "\t"):
        if candidate in header_line:
            return candidate
    return ","


def read_rows(text, required=()):
    """The non-blank rows of ``text`` as ``(line number, {normalised header: stripped value})``.

    Raises :class:`MissingColumns` before any row when a required column is absent,
    and :class:`UnreadableCSV` on a line the reader cannot read.
    """
    text = text.replace("\x00", "").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text.split("\n", 1)[0]))
    try:
        headers = [normalise_header(name) for name in next(reader, [])]
        missing = [name for name in required if name not in headers]
        if missing:
            raise MissingColumns(missing)
        for values in reader:
            if any(value.strip() for value in values):
                yield (
                    reader.line_num,
                    {header: (values[i].strip() if i < len(values) else "") for i, header in enumerate(headers)},
                )
    except csv.Error as error:
        raise UnreadableCSV(
            _("Ligne %(line)s illisible : %(reason)s") % {"line": reader.line_num, "reason": _unreadable_reason(error)}
        ) from error


def _unreadable_reason(error):
    """Why the reader stopped, in French (Python's own message is in English)."""
    if "field larger than field limit" in str(error):
        return _(
            "une cellule dépasse %(size)s Ko. C'est souvent un guillemet jamais refermé : tout ce qui le suit "
            "devient une seule cellule."
        ) % {"size": csv.field_size_limit() // 1024}
    return _("des guillemets ou des séparateurs sont mal placés.")


def neutralise_formula(value):
    """``value`` as text a spreadsheet shows but never runs."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header, rows):
    """A whole CSV file as text (for small files such as import templates)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """A streamed CSV download of ``rows`` (iterables of cells; text cells are neutralised)."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([cell if isinstance(cell, int | float) else neutralise_formula(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
