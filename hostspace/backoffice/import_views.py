"""Admin screens of the CSV import: upload, preview with each line's errors, confirmation.

Between preview and confirmation the file's text waits in the agent's session;
the confirmation validates it again and saves it all or nothing.
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hostspace.backoffice import imports
from portal import tenancy

SESSION_KEY = "hostspace.import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV"),
        help_text=gettext_lazy(
            "Séparateur point-virgule ou virgule, encodage UTF-8 ; 2 Mo et 5 000 lignes au maximum."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class HostImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "backoffice/import.html"
    page_title = gettext_lazy("Importer des hébergeurs")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm("records.add_host") and request.user.has_perm("records.add_accommodation")):
            raise PermissionDenied
        self.site = tenancy.collectivity_of(request.user)
        if self.site is None:
            messages.error(request, _("Votre compte n'est rattaché à aucune collectivité."))
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": reverse("hosts:index"), "label": _("Hébergeurs")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=kwargs.pop("form", None) or UploadForm(),
            columns=imports.COLUMNS,
            required_columns=imports.REQUIRED_COLUMNS,
            **kwargs,
        )

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            text = imports.decode(form.cleaned_data["file"].read(imports.MAX_BYTES + 1))
            plan = imports.check(self.site, imports.parse(text))
        except imports.UnreadableFile as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = hashlib.sha256(text.encode()).hexdigest()
        if plan.is_valid:
            request.session[SESSION_KEY] = {"token": token, "text": text, "site": self.site.pk}
        else:
            request.session.pop(SESSION_KEY, None)
        return self.render_to_response(self.get_context_data(plan=plan, token=token))

    def confirm(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token") or pending.get("site") != self.site.pk:
            messages.error(request, _("Cet import a expiré : chargez le fichier à nouveau."))
            return redirect("hostspace_import")
        plan = imports.check(self.site, imports.parse(pending["text"]))
        if not plan.is_valid:
            request.session.pop(SESSION_KEY, None)
            return self.render_to_response(self.get_context_data(plan=plan))
        hosts, accommodations = imports.save(self.site, plan, request.user)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
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
