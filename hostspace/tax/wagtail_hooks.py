"""The tax admin: agents' deliberations (entered or imported from DELTA), the operator's national grid.

Deliberations are a viewset scoped to the staff member's collectivity like
the host records (:mod:`hostspace.backoffice.viewsets`): the listing, the
forms, the history and the deletion all go through :mod:`portal.tenancy`, so
another collectivity's deliberation is never listed and answers 404. A
deliberation is deleted only before its first day: once in force it has
taxed nights, and the declarations of those nights refer to it.

The national grid is the platform operator's (superusers): no role holds
its permissions, so its menu shows to nobody else.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log

from hostspace.backoffice.viewsets import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexView,
    ScopedViewSet,
    yearly_periods_panel,
)
from hostspace.previewed_import import CollectivityImportView
from hostspace.records.models import Accommodation
from hostspace.tax import engine, imports
from hostspace.tax.forms import REGIME_FIELDS, DeliberationAdminForm, DeltaUploadForm, GridYearForm
from hostspace.tax.models import (
    CATEGORY_FIELDS,
    RATE_FIELD,
    SURCHARGE_FIELDS,
    CollectionPeriod,
    Deliberation,
    NationalGrid,
    TaxLogEntry,
)
from portal import tenancy

ADD_PERMISSION = "tax.add_deliberation"
IMPORT_SESSION_KEY = "hostspace.tax.delta_import"

# Deliberations ---------------------------------------------------------------------------------


class DeliberationPermissionPolicy(tenancy.CollectivityPermissionPolicy):
    """The collectivity's deliberations only; and « delete » only before the deliberation's first day."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.has_started():
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.has_started():
            actions = [action for action in actions if action != "delete"]
        return bool(actions) and super().user_has_any_permission_for_instance(user, actions, instance)


def deliberations_for(user):
    """The deliberations a staff member may see: their collectivity's (all for the platform team)."""
    return tenancy.scope(Deliberation.objects.select_related("site"), user)


class GridWarningMixin:
    """Show, beside the form's errors, that a year of the validity has no national grid to check against."""

    def warn(self, deliberation):
        if deliberation.valid_from is not None and (warning := deliberation.grid_warning):
            messages.warning(self.request, warning)

    def form_valid(self, form):
        response = super().form_valid(form)
        self.warn(self.object)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        self.warn(form.instance)
        return response


def next_year_of(source):
    """An unsaved copy of ``source`` for the following period: same tariffs and rules, validity one year on."""
    if source.valid_until is not None:
        valid_from = source.valid_until + datetime.timedelta(days=1)
    else:
        valid_from = datetime.date(source.valid_from.year + 1, 1, 1)
    try:
        valid_until = valid_from.replace(year=valid_from.year + 1) - datetime.timedelta(days=1)
    except ValueError:  # from 29 February
        valid_until = datetime.date(valid_from.year + 1, 2, 28)
    copy = source.followed_by(valid_from, valid_until if source.valid_until is not None else None)
    copy.collection_periods = CollectionPeriod.copies_of(source.collection_periods.all())
    return copy


class DeliberationCreateView(GridWarningMixin, generic.CreateView):
    """A new deliberation of the agent's collectivity; ``?depuis=<id>`` starts from one for the next year."""

    def dispatch(self, request, *args, **kwargs):
        if not tenancy.sees_everything(request.user) and tenancy.collectivity_of(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial_form_instance(self):
        source_id = self.request.GET.get("depuis", "")
        if source_id.isdigit():
            source = deliberations_for(self.request.user).filter(pk=source_id).first()
            if source is not None:
                return next_year_of(source)
        return super().get_initial_form_instance()


class DeliberationEditView(GridWarningMixin, ScopedEditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.warn(self.object)
        return response


class DeliberationDeleteView(ScopedDeleteView):
    """Deleting is refused once the deliberation is in force: it has taxed nights."""

    def refused(self):
        return self.object.has_started()

    def get(self, request, *args, **kwargs):
        if self.refused():
            messages.error(
                request,
                _(
                    "Cette délibération est en vigueur depuis le %(day)s : elle est conservée. "
                    "Pour la remplacer, terminez sa validité et saisissez la suivante."
                )
                % {"day": date_format(self.object.valid_from, "j F Y")},
            )
            return redirect(self.index_url_name)
        return super().get(request, *args, **kwargs)

    def delete_action(self):
        if self.refused():
            raise PermissionDenied
        return super().delete_action()


class ValidityColumn(Column):
    def get_value(self, instance):
        return instance.validity_display()


class StatusColumn(Column):
    """In force, to come or ended: what an agent looks for first."""

    def get_value(self, instance):
        today = timezone.localdate()
        if instance.covers(today):
            return _("En vigueur")
        if instance.valid_from > today:
            return _("À venir")
        return _("Terminée")


class RegimeColumn(Column):
    def get_value(self, instance):
        if not instance.forfait_kinds:
            return _("Au réel")
        labels = dict(Accommodation.Kind.choices)
        return _("Au forfait : %(kinds)s") % {"kinds": ", ".join(str(labels[kind]) for kind in instance.forfait_kinds)}


class DeliberationIndexView(ScopedIndexView):
    add_item_label = gettext_lazy("Ajouter une délibération")
    default_ordering = "-valid_from"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("site")

    def get_delete_url(self, instance):
        if instance.has_started():
            return None
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(
                Button(
                    _("Préparer la délibération suivante"),
                    url=reverse(self.add_url_name) + f"?depuis={instance.pk}",
                    icon_name="copy",
                    priority=25,
                )
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                HeaderButton(_("Importer un fichier DELTA"), url=reverse("deliberations:import"), icon_name="upload")
            )
        return buttons


class DeltaImportView(CollectivityImportView):
    """Upload the DELTA file, preview the collectivity's deliberation, then create it on confirmation."""

    template_name = "tax/admin/delta_import.html"
    page_title = gettext_lazy("Importer une délibération DELTA")
    form_class = DeltaUploadForm
    permissions = (ADD_PERMISSION,)
    index_url_name = "deliberations:index"
    index_label = gettext_lazy("Délibérations")
    session_key = IMPORT_SESSION_KEY
    retry_url_name = "deliberations:import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            siren=imports.siren_of(self.site),
            unclassified_label=engine.CATEGORY_LABELS[engine.UNCLASSIFIED],
            **kwargs,
        )

    def read(self, form):
        plan = imports.read(self.site, form.read())
        return plan, {"rows": plan.as_session() if plan.is_valid else []}

    def restore(self, kept):
        return imports.restore(self.site, kept["rows"])

    def save(self, plan):
        try:
            created = imports.save(self.site, plan, self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("deliberations:import")
        messages.success(
            self.request,
            _("Import terminé : %(count)s délibération(s) créée(s).") % {"count": len(created)},
        )
        for warning in plan.warnings:
            messages.warning(self.request, warning)
        return redirect("deliberations:index")


def deliberation_panels():
    return ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("site"),
                    FieldPanel("label"),
                    FieldPanel("adopted_on"),
                    FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                ],
                heading=gettext_lazy("Délibération"),
            ),
            MultiFieldPanel(
                [*(FieldPanel(name) for name in CATEGORY_FIELDS.values()), FieldPanel(RATE_FIELD)],
                heading=gettext_lazy("Tarifs par personne et par nuit (article L2333-30 du CGCT)"),
            ),
            MultiFieldPanel(
                [*(FieldPanel(name) for name in SURCHARGE_FIELDS.values()), FieldPanel("low_rent_threshold")],
                heading=gettext_lazy("Taxes additionnelles et exonération"),
                help_text=gettext_lazy(
                    "Les taxes additionnelles s'ajoutent au tarif communal, en pourcentage de celui-ci."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel(name) for name in REGIME_FIELDS.values()],
                heading=gettext_lazy("Régime par nature d'hébergement"),
                help_text=gettext_lazy(
                    "Au réel, l'hébergeur reverse la taxe perçue sur chaque nuitée ; au forfait, il la doit "
                    "sur sa capacité d'accueil, qu'il ait loué ou non (article L2333-26)."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("abatement_percent"),
                    yearly_periods_panel(
                        "collection_periods",
                        heading=gettext_lazy("Périodes de perception du forfait"),
                        label=gettext_lazy("Période de perception"),
                        help_text=gettext_lazy(
                            "Chaque année, du jour de début au jour de fin. Seulement si une nature "
                            "d'hébergement est taxée au forfait."
                        ),
                    ),
                ],
                heading=gettext_lazy("Forfait"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("declaration_frequency"), FieldPanel("due_days")])],
                heading=gettext_lazy("Déclarations des hébergeurs"),
            ),
        ],
        base_form_class=DeliberationAdminForm,
    )


class DeliberationViewSet(ScopedViewSet):
    model = Deliberation
    icon = "doc-full"
    name = "deliberations"
    url_prefix = "deliberations"
    menu_label = gettext_lazy("Toutes les délibérations")
    index_view_class = DeliberationIndexView
    add_view_class = DeliberationCreateView
    edit_view_class = DeliberationEditView
    delete_view_class = DeliberationDeleteView
    inspect_view_enabled = False
    list_display = [
        "label",
        ValidityColumn("validity", label=gettext_lazy("Validité")),
        StatusColumn("status", label=gettext_lazy("Statut")),
        RegimeColumn("regime", label=gettext_lazy("Régime")),
        "declaration_frequency",
        "site",
    ]
    list_filter = ["declaration_frequency"]
    search_fields = ["label"]
    ordering = ["-valid_from", "-pk"]

    @property
    def permission_policy(self):
        return DeliberationPermissionPolicy(self.model)

    @property
    def edit_handler(self):
        return deliberation_panels()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", DeltaImportView.as_view(), name="import")]


class DeltaImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(ADD_PERMISSION)


# The national grid ---------------------------------------------------------------------------------


class SuperuserOnly:
    """Only superusers, whatever permissions a group might be given by mistake."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GridIndexView(SuperuserOnly, generic.IndexView):
    @property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Ajouter une année"), url=reverse("national_grid:add_year"), icon_name="plus"),
        ]


class GridCreateView(SuperuserOnly, generic.CreateView):
    pass


class GridEditView(SuperuserOnly, generic.EditView):
    pass


class GridDeleteView(SuperuserOnly, generic.DeleteView):
    pass


class GridHistoryView(SuperuserOnly, history.HistoryView):
    pass


class GridYearView(SuperuserOnly, WagtailAdminTemplateMixin, FormView):
    """A whole year of the grid at once, prefilled with the latest year's values (the grid is indexed yearly)."""

    template_name = "tax/admin/grid_year.html"
    form_class = GridYearForm
    page_title = gettext_lazy("Ajouter une année de la grille nationale")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": reverse("national_grid:index"), "label": _("Grille nationale")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        latest = NationalGrid.latest_year()
        if latest is None:
            return {}
        initial = {"year": latest + 1}
        for category, (minimum, maximum) in NationalGrid.bounds_for(latest).items():
            initial[f"{category}-minimum"] = minimum
            initial[f"{category}-maximum"] = maximum
        return initial

    def form_valid(self, form):
        with transaction.atomic():
            for row in form.rows():
                row.full_clean()
                row.save()
                log(row, "wagtail.create", user=self.request.user)
        messages.success(
            self.request, _("La grille nationale de %(year)s est enregistrée.") % {"year": form.cleaned_data["year"]}
        )
        return redirect(reverse("national_grid:index") + f"?year={form.cleaned_data['year']}")


class NationalGridViewSet(ModelViewSet):
    model = NationalGrid
    icon = "table"
    name = "national_grid"
    url_prefix = "grille-nationale"
    menu_label = gettext_lazy("Grille nationale")
    index_view_class = GridIndexView
    add_view_class = GridCreateView
    edit_view_class = GridEditView
    delete_view_class = GridDeleteView
    history_view_class = GridHistoryView
    copy_view_enabled = False
    list_display = ["year", "category", "minimum", "maximum"]
    list_filter = ["year", "category"]
    ordering = ["-year", "pk"]
    form_fields = ["year", "category", "minimum", "maximum"]

    def register_permissions(self):
        """Not offered to groups: the grid is the platform operator's, who is a superuser."""

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("annee/", GridYearView.as_view(), name="add_year")]


# Menu, history ---------------------------------------------------------------------------------------


class TaxGroup(ViewSetGroup):
    menu_label = gettext_lazy("Délibérations")
    menu_icon = "doc-full"
    menu_order = 260
    items = [DeliberationViewSet, NationalGridViewSet]

    def get_submenu_items(self):
        deliberations, grid = super().get_submenu_items()
        grid.order = 3
        importer = DeltaImportMenuItem(
            gettext_lazy("Importer un fichier DELTA"), reverse("deliberations:import"), icon_name="upload", order=2
        )
        return [deliberations, importer, grid]


@hooks.register("register_admin_viewset")
def register_tax_admin():
    return TaxGroup()


@hooks.register("register_log_actions")
def register_tax_log_actions(actions):
    actions.register_action(
        imports.IMPORT_ACTION, gettext_lazy("Import DELTA"), gettext_lazy("Créée par l'import du fichier DELTA")
    )
    actions.register_model(Deliberation, TaxLogEntry)
