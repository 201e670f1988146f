"""What the CSV imports of the host space share: reading the file and the plan of checked lines.

The agents' import of hosts (:mod:`hostspace.backoffice.imports`) and the
host's import of stays (:mod:`hostspace.declarations.imports`) read a file the
same way (2 Mo, UTF-8 or Windows, 5 000 lines at most, the required columns
first) and show a plan of lines, each with its errors: nothing is saved while
one line is wrong. :mod:`portal.spreadsheets` reads the CSV itself.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal import spreadsheets

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 5000


class UnreadableFile(Exception):
    """The file itself cannot be read (encoding, size, missing columns, no line)."""


def decode(raw):
    """The text of the file's bytes (read with one more than :data:`MAX_BYTES`, to tell a file too big)."""
    if len(raw) > MAX_BYTES:
        raise UnreadableFile(_("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("Le fichier n'est pas un CSV lisible (encodage UTF-8 ou Windows attendu)."))


def read_upload(upload):
    """The text of an uploaded file, read no further than one byte past the limit."""
    return decode(upload.read(MAX_BYTES + 1))


def parse_rows(text, columns, required, skip_empty=False):
    """The file's lines as ``(line number, {column: value})`` for ``columns``; raises UnreadableFile when unreadable.

    ``skip_empty`` passes over the lines where every one of ``columns`` is empty.
    """
    rows = []
    try:
        for line, row in spreadsheets.read_rows(text, required):
            if len(rows) >= MAX_LINES:
                raise UnreadableFile(_("Le fichier dépasse %(max)s lignes.") % {"max": MAX_LINES})
            values = {column: row.get(column, "") for column in columns}
            if not skip_empty or any(values.values()):
                rows.append((line, values))
    except spreadsheets.MissingColumns as error:
        raise UnreadableFile(
            _("Colonnes manquantes : %(columns)s. Partez du modèle de fichier.") % {"columns": str(error)}
        ) from error
    except spreadsheets.UnreadableCSV as error:
        raise UnreadableFile(str(error)) from error
    if not rows:
        raise UnreadableFile(_("Le fichier ne contient aucune ligne."))
    return rows


@dataclass
class Line:
    """One line of the file as the preview shows it: its number, its values and its errors."""

    number: int
    values: dict
    errors: list = field(default_factory=list)


@dataclass
class Plan:
    """The checked lines of a file: it may be saved only when there is one line and no line has an error."""

    lines: list

    @property
    def is_valid(self):
        return bool(self.lines) and not any(line.errors for line in self.lines)

    @property
    def error_count(self):
        return sum(1 for line in self.lines if line.errors)
