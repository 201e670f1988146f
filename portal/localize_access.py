"""wagtail-localize checked only its global ``submit_translation`` permission: an editor
of one collectivity could translate, or re-synchronise the translations of, another
collectivity's pages, and its translations report listed every site's pages.

Here "Traduire" and "Synchroniser" also require the right to edit the source (as the
translation editor itself does), and the report lists only the translations of pages
the user may edit. The page explorer opens only pages the user may explore (see
``_explore_only_explorable``). Its snippet API (a list and a detail of any snippet
model, for any admin user) returns only the rows the user may see
(``portal.admin_tenancy.visible``): it listed every collectivity's CGU versions.
Installed from ``PortalConfig.ready``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.views import snippets_api
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from portal import tenancy, version_guard
from portal.admin_tenancy import may_see, visible

# The releases whose views these wrappers were written against (portal/version_guard.py).
WRITTEN_FOR = {"wagtail": ("7.4",), "wagtail-localize": ("1.14",)}


def _require_edit(get_object, instance_of):
    def get_object_if_editable(self):
        obj = get_object(self)
        instance = instance_of(obj)
        if not user_can_edit_instance(self.request.user, instance):
            raise PermissionDenied
        # Model permissions are installation-wide: a translatable snippet of another collectivity stays out of reach.
        if not isinstance(instance, Page) and not may_see(type(instance), instance.pk, self.request.user):
            raise PermissionDenied
        return obj

    return get_object_if_editable


def _reported_translations(get_queryset):
    def get_queryset_for_user(self):
        queryset = get_queryset(self)
        pages = tenancy.scope(Page.objects.all(), self.request.user)
        return queryset.filter(source__object_id__in=pages.values("translation_key")).order_by("pk")

    return get_queryset_for_user


def install():
    version_guard.require("portal/localize_access.py", WRITTEN_FOR)
    version_guard.require_attributes(
        "portal/localize_access.py",
        (SubmitPageTranslationView, "get_object"),
        (SubmitSnippetTranslationView, "get_object"),
        (UpdateTranslationsView, "get_object"),
        (TranslationsReportView, "get_queryset"),
        (ExplorableIndexView, "get"),
        (snippets_api.SnippetViewSet, "get_queryset"),
    )
    for view in (SubmitPageTranslationView, SubmitSnippetTranslationView):
        view.get_object = _require_edit(view.get_object, lambda obj: obj)
    UpdateTranslationsView.get_object = _require_edit(
        UpdateTranslationsView.get_object, lambda source: source.get_source_instance()
    )
    TranslationsReportView.get_queryset = _reported_translations(TranslationsReportView.get_queryset)
    ExplorableIndexView.get = _explore_only_explorable(ExplorableIndexView.get)
    snippets_api.SnippetViewSet.get_queryset = _visible_snippets


def _visible_snippets(self):
    return visible(self.get_model(), self.request.user)


def _explore_only_explorable(get):
    """Editors hold the French and the English tree, so their explorable root is the tree's
    root: Wagtail would then open any page's listing (title included) by its id, another
    collectivity's too. Only pages the user may explore open; others lead to their root."""

    def get_if_explorable(self, request, parent_page_id=None):
        user = request.user
        if parent_page_id and not user.is_superuser:
            explorable = PagePermissionPolicy().explorable_instances(user)
            if not explorable.filter(pk=parent_page_id).exists():
                return redirect(self.index_url_name, PagePermissionPolicy().explorable_root_instance(user).pk)
        return get(self, request, parent_page_id)

    return get_if_explorable
