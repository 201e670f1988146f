"""The one flow of every import: read the file, preview its plan with each line's errors, confirm.

The agents' import of hosts (:mod:`hostspace.backoffice.imports`) and the
host's import of stays (:mod:`hostspace.declarations.imports`) read a CSV file
the same way (2 Mo, UTF-8 or Windows, 5 000 lines at most, the required columns
first; :mod:`portal.spreadsheets` reads the CSV itself) into a plan of lines,
each with its errors: nothing is saved while one line is wrong. The DELTA
import of deliberations (:mod:`hostspace.tax.imports`) reads XML, but its
screen follows the same flow (:class:`PreviewedImportMixin`).

Between preview and confirmation what was read waits in the user's session
with a token and whom it is for (the collectivity, or the host); the
confirmation checks both, then validates it all again before saving it all or
nothing, so that a file of another account or a stale preview saves nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal import spreadsheets, tenancy

# Reading the file ---------------------------------------------------------------------------------

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


# The screens: upload, preview, confirm ------------------------------------------------------------


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV"),
        help_text=gettext_lazy(
            "Séparateur point-virgule ou virgule, encodage UTF-8 ; 2 Mo et 5 000 lignes au maximum."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class PreviewedImportMixin:
    """Upload, preview with each error, confirm: the subclass reads, restores and saves its own plan.

    The plan it reads has ``is_valid``; the template shows the confirmation
    button, with the ``token``, only for a valid plan.
    """

    form_class = CsvUploadForm
    session_key = None
    retry_url_name = None  # where an expired confirmation sends the user to upload again

    def owner(self):
        """``(name, id)`` of whom the import is for, kept with the pending file and checked on confirmation."""
        raise NotImplementedError

    def read(self, form):
        """``(plan, kept)`` from a valid upload: ``kept`` is what the session keeps (JSON) for :meth:`restore`.

        May raise :class:`UnreadableFile`, shown on the file field.
        """
        raise NotImplementedError

    def restore(self, kept):
        """The plan again from what the session kept, validated anew."""
        raise NotImplementedError

    def save(self, plan):
        """Save a valid plan and answer (a message and a redirect)."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        if kwargs.get("form") is None:
            kwargs["form"] = self.form_class()
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            plan, kept = self.read(form)
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()
        request.session.pop(self.session_key, None)
        if plan.is_valid:
            name, owner = self.owner()
            request.session[self.session_key] = {"token": token, name: owner, **kept}
        return self.render_to_response(self.get_context_data(plan=plan, token=token))

    def confirm(self, request):
        pending = request.session.get(self.session_key)
        name, owner = self.owner()
        if not pending or pending.get("token") != request.POST.get("token") or pending.get(name) != owner:
            messages.error(request, _("Cet import a expiré : chargez le fichier à nouveau."))
            return redirect(self.retry_url_name)
        request.session.pop(self.session_key, None)
        plan = self.restore(pending)
        if not plan.is_valid:
            return self.render_to_response(self.get_context_data(plan=plan))
        return self.save(plan)


class CollectivityImportView(PreviewedImportMixin, WagtailAdminTemplateMixin, TemplateView):
    """An agent's import into the collectivity of their account, open to those with every ``permissions``."""

    header_icon = "upload"
    permissions = ()
    index_url_name = None  # the listing the breadcrumbs lead back to
    index_label = None

    def dispatch(self, request, *args, **kwargs):
        if not all(request.user.has_perm(permission) for permission in self.permissions):
            raise PermissionDenied
        self.site = tenancy.collectivity_of(request.user)
        if self.site is None:
            messages.error(request, _("Votre compte n'est rattaché à aucune collectivité."))
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def owner(self):
        return "site", self.site.pk

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.page_title},
        ]
