"""Admin screens of the CSV import: upload, preview with each line's errors, confirmation.

Between preview and confirmation the file's text waits in the agent's session;
the confirmation validates it again and saves it all or nothing.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hostspace.backoffice import imports
from hostspace.previewed_import import CollectivityImportView, read_upload

SESSION_KEY = "hostspace.import"


class HostImportView(CollectivityImportView):
    template_name = "backoffice/import.html"
    page_title = gettext_lazy("Importer des hébergeurs")
    permissions = ("records.add_host", "records.add_accommodation")
    index_url_name = "hosts:index"
    index_label = gettext_lazy("Hébergeurs")
    session_key = SESSION_KEY
    retry_url_name = "hostspace_import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=imports.COLUMNS,
            required_columns=imports.REQUIRED_COLUMNS,
            **kwargs,
        )

    def read(self, form):
        text = read_upload(form.cleaned_data["file"])
        return imports.check(self.site, imports.parse(text)), {"text": text}

    def restore(self, kept):
        return imports.check(self.site, imports.parse(kept["text"]))

    def save(self, plan):
        hosts, accommodations = imports.save(self.site, plan, self.request.user)
        messages.success(
            self.request,
            _("Import terminé : %(hosts)s hébergeur(s) et %(accommodations)s hébergement(s) créés.")
            % {"hosts": hosts, "accommodations": accommodations},
        )
        return redirect("hosts:index")


def sample_file(request):
    response = HttpResponse(imports.sample_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modele-import-hebergeurs.csv"'
    return response


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("hebergeurs-import/", HostImportView.as_view(), name="hostspace_import"),
        path("hebergeurs-import/modele.csv", sample_file, name="hostspace_import_sample"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("records.add_host")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        gettext_lazy("Importer des hébergeurs"), reverse("hostspace_import"), icon_name="upload", order=251
    )
