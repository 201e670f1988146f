"""Fail when the .po files have drifted from the code, or English strings lack a translation.

Each app keeps its catalogue in ``<app>/locale``. The command re-extracts the
messages with ``makemessages`` into the real catalogues, compares them with
what was committed, and puts the committed files back, so a run leaves the
tree as it found it.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ("fr", "en")
MAKEMESSAGES_OPTIONS = {
    "locale": list(LANGUAGES),
    "no_location": True,
    "no_obsolete": True,
    "ignore_patterns": [".venv/*", "static_collected/*", "media/*", "node_modules/*"],
    "verbosity": 0,
}


PROJECT_APPS = ("portal", "home", "news", "guides", "hostspace")


def catalogue_paths(language, domain="django"):
    """The .po file of ``language`` in every project app that has a ``locale`` folder."""
    for app in PROJECT_APPS:
        locale_dir = Path(settings.BASE_DIR) / app / "locale"
        if locale_dir.is_dir():
            yield locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def message_ids(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


class Command(BaseCommand):
    help = "Vérifie que les fichiers .po et .mo sont à jour et que l'anglais est entièrement traduit."

    def handle(self, *args, **options):
        paths = [path for language in LANGUAGES for path in catalogue_paths(language)]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError("Missing catalogues (run `make messages`): " + ", ".join(missing))
        committed = {path: path.read_bytes() for path in paths}
        problems = []
        try:
            call_command("makemessages", **MAKEMESSAGES_OPTIONS)
            for path in paths:
                fresh = message_ids(polib.pofile(str(path)))
                kept = message_ids(polib.pofile(committed[path].decode("utf-8")))
                for entry in sorted(fresh - kept, key=str):
                    problems.append(f"{path}: not in the .po file: {entry[1]!r}")
                for entry in sorted(kept - fresh, key=str):
                    problems.append(f"{path}: no longer in the code: {entry[1]!r}")
        finally:
            for path, content in committed.items():
                path.write_bytes(content)

        for path in paths:
            po = polib.pofile(str(path))
            if "/en/" in path.as_posix():
                for entry in po:
                    if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated()):
                        problems.append(f"{path}: untranslated or fuzzy: {entry.msgid!r}")
            mo_path = path.with_suffix(".mo")
            if not mo_path.exists():
                problems.append(f"{mo_path} is missing: run `make messages`.")
                continue
            compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.mofile(str(mo_path))}
            expected = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural}
            if any(compiled.get(key) != value for key, value in expected.items()):
                problems.append(f"{mo_path} is older than its .po file: run `make messages`.")

        if problems:
            raise CommandError("Translations are out of date:\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS("Translations are up to date."))
