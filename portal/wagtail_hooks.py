"""Portal-wide additions to the Wagtail admin."""

from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet

from portal import admin_tenancy, tenancy
from portal.models import SupportHours

# After Wagtail's own registrations (order 0): the registry keeps the last action of each type.
for _action in admin_tenancy.scoped_bulk_actions():
    hooks.register("register_bulk_action", _action, order=100)


@hooks.register("construct_admin_api", order=100)
def media_api_within_the_staff_collectivity(router):
    """The admin API's image and document endpoints list and return only the staff member's collections."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("images", admin_tenancy.scoped_admin_api_endpoint(ImagesAdminAPIViewSet))
    router.register_endpoint("documents", admin_tenancy.scoped_admin_api_endpoint(DocumentsAdminAPIViewSet))


@hooks.register("insert_global_admin_js")
def admin_widgets_without_inline_scripts():
    """Initialise the admin widgets whose inline scripts the CSP forbids (see portal/middleware.py)."""
    return format_html('<script src="{}"></script>', static("portal/js/admin-widgets.js"))


@hooks.register("insert_global_admin_css")
def admin_accessibility_styles():
    """Small accessibility fixes to Wagtail's own styles (see portal/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin.css"))


def _summary_in_collectivity(get_context_data, user, site):
    def get_context_data_for_collectivity(parent_context):
        context = get_context_data(parent_context)
        context["site_name"] = site.site_name or site.hostname
        if "total_pages" in context:
            from wagtail.permission_policies.pages import PagePermissionPolicy

            context["total_pages"] = PagePermissionPolicy().instances_user_has_permission_for(user, "change").count()
        return context

    return get_context_data_for_collectivity


@hooks.register("construct_homepage_summary_items", order=100)
def summary_of_the_staff_collectivity(request, summary_items):
    """Editors have the French and the English tree of their site: Wagtail's summary would
    count every page under the common root (other collectivities included) "in" the
    platform's name. Staff of a collectivity see their own pages, in their site's name."""
    user = request.user
    if user.is_superuser or not getattr(user, "collectivity_id", None):
        return
    for item in summary_items:
        item.get_context_data = _summary_in_collectivity(item.get_context_data, user, user.collectivity)


@hooks.register("construct_reports_menu")
def translations_report_for_translators_only(request, menu_items):
    """Agents translate nothing: wagtail-localize's "Traductions" report would be an empty puzzle to them."""
    if request.user.has_perm("wagtail_localize.submit_translation"):
        return
    from django.urls import reverse

    report_url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != report_url]


@hooks.register("construct_reports_menu")
def page_types_report_for_the_platform_team_only(request, menu_items):
    """« Utilisation des types de page » counts and names every collectivity's pages (see portal/admin_tenancy.py)."""
    if tenancy.sees_everything(request.user):
        return
    from django.urls import reverse

    report_url = reverse("wagtailadmin_reports:page_types_usage")
    menu_items[:] = [item for item in menu_items if item.url != report_url]


@hooks.register("construct_page_chooser_queryset")
def page_chooser_within_the_staff_collectivity(pages, request):
    """Wagtail's page chooser (internal links, page fields) offers every page of the
    installation; staff of a collectivity choose among their own site's pages (both languages)."""
    return tenancy.scope(pages, request.user)


# The technical service's hours: a translatable snippet of each collectivity --------------------------


class SupportHoursForm(WagtailAdminModelForm):
    """The hours of the staff member's own collectivity; the platform team chooses the collectivity."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collectivity = tenancy.collectivity_of(self.for_user)
        if collectivity is not None and not tenancy.sees_everything(self.for_user):
            if not self.instance.site_id:
                self.instance.site = collectivity
            self.fields.pop("site", None)

    def clean(self):
        cleaned = super().clean()
        site = cleaned.get("site") or (self.instance.site if self.instance.site_id else None)
        locale_id = self.instance.locale_id
        if site is not None and locale_id is not None:
            clash = SupportHours.objects.filter(site=site, locale_id=locale_id).exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError(
                    _("Les horaires de cette collectivité existent déjà dans cette langue : modifiez-les.")
                )
        return cleaned


def support_hours_for(user):
    return tenancy.scope(SupportHours.objects.select_related("site", "locale"), user)


class SupportHoursViewSet(admin_tenancy.ScopedSnippetViewSet):
    """« Horaires du service technique »: one text per collectivity, translated with « Traduire »."""

    model = SupportHours
    icon = "time"
    menu_label = gettext_lazy("Horaires du service technique")
    menu_name = "support_hours"
    add_to_settings_menu = True
    url_prefix = "horaires"
    list_display = ["hours", "site", "locale"]

    @property
    def edit_handler(self):
        return ObjectList([FieldPanel("site"), *SupportHours.panels], base_form_class=SupportHoursForm)

    def get_queryset(self, request):
        return support_hours_for(request.user)


register_snippet(SupportHoursViewSet)


@hooks.register("before_serve_page")
def fetch_the_fragments_of_the_page(page, request, serve_args, serve_kwargs):
    """Ask the cache at once for every fragment this page will show (layout, language links, home links)."""
    from wagtail.models import Site

    from home.models import HomePage
    from home.sections import sections_key
    from portal import fragments, navigation
    from portal.templatetags.portal_tags import language_links_key

    site = Site.find_for_request(request)
    if site is None:
        return None
    keys = [navigation.navigation_key(site), language_links_key(site, page)]
    if isinstance(page, HomePage):
        keys.append(sections_key(page, request))
    fragments.prefetch(keys)
    return None
