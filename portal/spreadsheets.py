"""CSV (and XLSX) files in and out, one way for every import and export.

Reading: the separator is read from the header line only (semicolon, tab or
comma: French spreadsheets write semicolons), headers are normalised
(« Code postal » -> ``code_postal``) and blank lines skipped. Writing:
semicolons, a byte-order mark so that spreadsheets read UTF-8, and any text a
spreadsheet would run as a formula (a host can type « =HYPERLINK(…) ») kept as text.
Amounts and dates are written the French way in CSV (« 9,90 », « 31/07/2026 »)
and as real numbers and dates in XLSX, so that an accountant can add them up.
"""

import csv
import datetime
import io
import unicodedata
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise
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


def french_cell(value):
    """A cell as a French spreadsheet reads it: « 9,90 » for an amount, « 31/07/2026 » for a date."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename, header, rows, title="Export", money_columns=()):
    """An XLSX download: a bold, frozen header; dates as dates; amounts (``money_columns``) as euros.

    Text a spreadsheet would run as a formula is stored as text, as in CSV.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(name) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for values in rows:
        sheet.append([str(value) if isinstance(value, Promise) else value for value in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif index in money_columns and isinstance(cell.value, Decimal | int | float):
                cell.number_format = '#,##0.00 "€"'
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(str(name)) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def export_response(fmt, name, header, rows, *, title, money_columns=()):
    """``rows`` downloaded as ``name``.xlsx when ``fmt`` is "xlsx", else as ``name``.csv in French cells."""
    header = [str(column) for column in header]
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows, title=title, money_columns=money_columns)
    return csv_response(f"{name}.csv", header, ([french_cell(cell) for cell in row] for row in rows))
