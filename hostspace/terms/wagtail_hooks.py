"""CGU and privacy-policy versions in the Wagtail admin, and the export of acceptances as proof.

Versions are snippets restricted to the staff member's collectivity: the list,
the chooser, the edit and delete views, the bulk actions (``portal.admin_tenancy``)
and the form all go through the collectivity. An accepted version can no longer
be changed (the model refuses it) nor deleted, alone or in bulk: the admin says
why instead; acceptances themselves are only listed and exported, never edited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.models import register_snippet

from hostspace.terms.models import TermsAcceptance, TermsVersion
from portal import tenancy
from portal.admin_tenancy import ScopedDeleteView, ScopedSnippetViewSet
from portal.rich_text import ReadableRichTextMixin
from portal.spreadsheets import csv_response

EXPORT_PERMISSION = "terms.view_termsacceptance"


def versions_for(user):
    """The terms versions a staff member may see: their collectivity's (all for the platform team)."""
    return tenancy.scope(TermsVersion.objects.select_related("site"), user)


class TermsVersionDeleteView(ScopedDeleteView):
    def delete_action(self):
        # keep_accepted_versions (below) answers first; this is the last line if a hook is bypassed.
        if self.object.acceptances.exists():
            raise PermissionDenied
        return super().delete_action()


@hooks.register("before_delete_snippet")
def keep_accepted_versions(request, instances):
    """Deleting versions (one, or in bulk): refused with a message while one of them was accepted.

    An acceptance is proof and protects its version (``on_delete=PROTECT``):
    without this the bulk delete answered 500 (``ProtectedError``). Nothing is
    deleted when one of the selected versions must stay.
    """
    accepted = [version for version in instances if isinstance(version, TermsVersion) and version.acceptances.exists()]
    if not accepted:
        return None
    for version in accepted:
        messages.error(
            request,
            _("« %(version)s » a déjà été acceptée par des hébergeurs : elle est conservée comme preuve.")
            % {"version": version},
        )
    if len(instances) > len(accepted):
        messages.warning(
            request,
            ngettext(
                "Aucune version n'a été supprimée : %(count)d version sélectionnée doit être conservée.",
                "Aucune version n'a été supprimée : %(count)d versions sélectionnées doivent être conservées.",
                len(accepted),
            )
            % {"count": len(accepted)},
        )
    return redirect(
        get_valid_next_url_from_request(request) or reverse(TermsVersion.snippet_viewset.get_url_name("list"))
    )


class TermsVersionForm(ReadableRichTextMixin, WagtailAdminModelForm):
    """The CGU form: a text the editor cannot read is refused on its field, with what else was typed kept."""


class TermsVersionViewSet(ScopedSnippetViewSet):
    model = TermsVersion
    icon = "doc-full"
    menu_label = gettext_lazy("CGU et confidentialité")
    menu_name = "terms_versions"
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "conditions"
    delete_view_class = TermsVersionDeleteView
    list_display = ["label", "kind", "in_force_from", "site"]
    list_filter = ["kind"]
    ordering = ["kind", "-in_force_from", "-pk"]

    @property
    def edit_handler(self):
        return ObjectList(TermsVersion.panels, base_form_class=TermsVersionForm)

    def get_queryset(self, request):
        return versions_for(request.user)


register_snippet(TermsVersionViewSet)


# Acceptances: listing and CSV export ------------------------------------------------------


def acceptances_for(user):
    queryset = TermsAcceptance.objects.select_related("user", "version", "version__site").order_by(
        "-accepted_at", "-pk"
    )
    return tenancy.scope(queryset, user)


def _require_export(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied


def acceptances(request):
    """The latest acceptances of the collectivity, with the CSV export button."""
    _require_export(request)
    queryset = acceptances_for(request.user)
    return TemplateResponse(
        request,
        "terms/admin_acceptances.html",
        {"acceptances": queryset[:100], "count": queryset.count()},
    )


def acceptances_csv(request):
    """Proof of acceptance as CSV: who, which version, when, from which IP and browser."""
    _require_export(request)
    header = [
        _("Courriel"),
        _("Nom"),
        _("Collectivité"),
        _("Document"),
        _("Version"),
        _("En vigueur depuis"),
        _("Acceptée le"),
        _("Adresse IP"),
        _("Navigateur"),
    ]

    rows = (
        [
            item.user.email,
            item.user.get_full_name(),
            item.version.site.site_name,
            item.version.get_kind_display(),
            item.version.label,
            item.version.in_force_from.isoformat(),
            timezone.localtime(item.accepted_at).isoformat(timespec="seconds"),
            item.ip_address,
            item.user_agent,
        ]
        for item in acceptances_for(request.user).iterator(chunk_size=1000)
    )
    return csv_response(f"acceptations-cgu-{timezone.localdate().isoformat()}.csv", header, rows)


@hooks.register("register_admin_urls")
def register_acceptance_urls():
    return [
        path("acceptations-cgu/", acceptances, name="hostspace_terms_acceptances"),
        path("acceptations-cgu/export.csv", acceptances_csv, name="hostspace_terms_acceptances_csv"),
    ]


class AcceptancesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_acceptances_menu_item():
    return AcceptancesMenuItem(
        gettext_lazy("Acceptations des CGU"),
        reverse("hostspace_terms_acceptances"),
        icon_name="tick-inverse",
        order=330,
    )
