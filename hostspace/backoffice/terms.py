"""CGU and privacy-policy versions in the Wagtail admin, and the export of acceptances as proof.

Versions are snippets restricted to the staff member's collectivity: the list,
the edit and delete views and the form all go through the collectivity. An
accepted version can no longer be changed (the model refuses it) nor deleted;
acceptances themselves are only listed and exported, never edited.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, HistoryView, SnippetViewSet, UsageView

from hostspace import isolation
from hostspace.models import TermsAcceptance, TermsVersion

EXPORT_PERMISSION = "hostspace.view_termsacceptance"


class CollectivityPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and on top of them: only the versions of the user's own collectivity."""

    def _in_scope(self, user, instance):
        if isolation.sees_everything(user):
            return True
        return bool(user.collectivity_id) and instance.site_id == user.collectivity_id

    def user_has_permission_for_instance(self, user, action, instance):
        return self._in_scope(user, instance) and super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self._in_scope(user, instance) and super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if isolation.sees_everything(user):
            return queryset
        return queryset.filter(site_id=user.collectivity_id) if user.collectivity_id else queryset.none()


def versions_for(user):
    """The terms versions a staff member may see: their collectivity's (all for the platform team)."""
    queryset = TermsVersion.objects.select_related("site")
    if isolation.sees_everything(user):
        return queryset
    site_id = getattr(user, "collectivity_id", None)
    return queryset.filter(site_id=site_id) if site_id else queryset.none()


class TermsVersionEditView(EditView):
    def get_queryset(self):
        return versions_for(self.request.user)


class TermsVersionHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return versions_for(self.request.user)


class TermsVersionUsageView(UsageView):
    def get_base_object_queryset(self):
        return versions_for(self.request.user)


class TermsVersionCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if not isolation.sees_everything(self.request.user):
            if isolation.collectivity_of(self.request.user) is None:
                raise PermissionDenied
            instance.site = self.request.user.collectivity
        return instance


class TermsVersionDeleteView(DeleteView):
    def get_queryset(self):
        return versions_for(self.request.user)

    def delete_action(self):
        if self.object.acceptances.exists():
            raise PermissionDenied
        return super().delete_action()

    def get(self, request, *args, **kwargs):
        if self.object.acceptances.exists():
            messages.error(
                request, _("Cette version a déjà été acceptée par des hébergeurs : elle est conservée comme preuve.")
            )
            return redirect(self.index_url_name)
        return super().get(request, *args, **kwargs)


class TermsVersionViewSet(SnippetViewSet):
    model = TermsVersion
    icon = "doc-full"
    menu_label = gettext_lazy("CGU et confidentialité")
    menu_name = "terms_versions"
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "conditions"
    add_view_class = TermsVersionCreateView
    edit_view_class = TermsVersionEditView
    delete_view_class = TermsVersionDeleteView
    history_view_class = TermsVersionHistoryView
    usage_view_class = TermsVersionUsageView
    copy_view_enabled = False
    list_display = ["label", "kind", "in_force_from", "site"]
    list_filter = ["kind"]
    ordering = ["kind", "-in_force_from", "-pk"]

    @property
    def permission_policy(self):
        return CollectivityPermissionPolicy(self.model)

    def get_queryset(self, request):
        return versions_for(request.user)


register_snippet(TermsVersionViewSet)


# Acceptances: listing and CSV export ------------------------------------------------------


def acceptances_for(user):
    queryset = TermsAcceptance.objects.select_related("user", "version", "version__site").order_by(
        "-accepted_at", "-pk"
    )
    if isolation.sees_everything(user):
        return queryset
    site_id = getattr(user, "collectivity_id", None)
    return queryset.filter(version__site_id=site_id) if site_id else queryset.none()


def _require_export(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied


def acceptances(request):
    """The latest acceptances of the collectivity, with the CSV export button."""
    _require_export(request)
    queryset = acceptances_for(request.user)
    return TemplateResponse(
        request,
        "hostspace/terms_admin_acceptances.html",
        {"acceptances": queryset[:100], "count": queryset.count()},
    )


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def acceptances_csv(request):
    """Proof of acceptance as CSV: who, which version, when, from which IP and browser."""
    _require_export(request)
    writer = csv.writer(_Echo(), delimiter=";")
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

    def rows():
        yield "\ufeff"
        yield writer.writerow(header)
        for item in acceptances_for(request.user).iterator(chunk_size=1000):
            yield writer.writerow(
                [
                    _cell(item.user.email),
                    _cell(item.user.get_full_name()),
                    _cell(item.version.site.site_name),
                    _cell(item.version.get_kind_display()),
                    _cell(item.version.label),
                    item.version.in_force_from.isoformat(),
                    timezone.localtime(item.accepted_at).isoformat(timespec="seconds"),
                    _cell(item.ip_address),
                    _cell(item.user_agent),
                ]
            )

    stamp = timezone.localdate().isoformat()
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="acceptations-cgu-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


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
