"""Back-office of host records for a collectivity's agents (Wagtail admin).

Hosts and accommodations are scoped viewsets (:mod:`hostspace.backoffice.viewsets`)
whose every view (listing, edit, delete, history, usage, inspect, export) reads
through :func:`portal.tenancy.scope`: an agent of one collectivity never sees,
nor reaches by URL, another collectivity's rows. Form choices (the host of an
accommodation) are filtered the same way. They share one menu with the
classification validation queue (:mod:`hostspace.backoffice.classifications`).
"""

import django_filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from hostspace.backoffice import exports, log_actions
from hostspace.backoffice.classifications import ClassificationViewSet
from hostspace.backoffice.exports import ReimportableExportMixin
from hostspace.backoffice.letter_views import can_print_letters
from hostspace.backoffice.viewsets import ScopedIndexView, ScopedViewSet, yearly_periods_panel
from hostspace.records.forms import (
    AccommodationCleaning,
    HostIdentityCleaning,
    allow_spaces,
    complete_periods,
)
from hostspace.records.models import Accommodation, Classification, Host, RecordLogEntry
from portal import tenancy

# Hosts ------------------------------------------------------------------------------


class HostAdminForm(HostIdentityCleaning, WagtailAdminModelForm):
    """An agent's host form: the collectivity is the agent's own, identifiers are checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collectivity = tenancy.collectivity_of(self.for_user)
        if collectivity is not None:
            self.instance.site = collectivity if not self.instance.site_id else self.instance.site
            self.fields.pop("site", None)
        elif "site" in self.fields:
            self.fields["site"].required = True
        if "siret" in self.fields:
            allow_spaces(self.fields["siret"], 20)

    def clean(self):
        cleaned = super().clean()
        reference = cleaned.get("reference")
        site = cleaned.get("site") or (self.instance.site if self.instance.site_id else None)
        if reference and site:
            clash = Host.objects.filter(site=site, reference=reference).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("reference", _("Ce numéro de dossier est déjà utilisé dans votre collectivité."))
        return cleaned


class HostRecordPanel(Panel):
    """On a host's edit page: their accommodations, their account and their activation letter.

    An agent who opens a host finds what belongs to them without going back to
    other listings: each accommodation with its classification, a link to add
    one for this host, and, while the account waits for activation, the letter.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "backoffice/host_record_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            host = self.instance
            context["host"] = host
            context["accommodations"] = host.accommodations.prefetch_related("classifications")
            context["add_accommodation_url"] = reverse("accommodations:add") + f"?host={host.pk}"
            may_print = not host.user_id and can_print_letters(self.request.user)
            context["letter_url"] = reverse("hostspace_letters:host", args=[host.pk]) if may_print else None
            may_follow = self.request.user.has_perm("declarations.view_declaration")
            context["declarations_url"] = reverse("declarations_host", args=[host.pk]) if may_follow else None
            return context


def host_panels():
    return ObjectList(
        [
            HostRecordPanel(heading=_("Hébergements, compte et lettre d'activation")),
            FieldPanel("site"),
            FieldPanel("reference"),
            MultiFieldPanel(
                [
                    FieldPanel("civility"),
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldRowPanel([FieldPanel("company_name"), FieldPanel("siret")]),
                ],
                heading=_("Identité"),
            ),
            MultiFieldPanel(
                [FieldPanel("contact_email"), FieldPanel("phone")],
                heading=_("Contact"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("address_line1"),
                    FieldPanel("address_line2"),
                    FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                ],
                heading=_("Adresse postale"),
            ),
        ],
        base_form_class=HostAdminForm,
    )


class AccountColumn(Column):
    """Whether the host activated an account: a fact an agent filters and sorts on."""

    def get_value(self, instance):
        return _("Activé") if instance.user_id else _("En attente d'activation")


class LetterColumn(Column):
    """A link to the host's activation letter while the account waits, for staff who may print letters."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        allowed = request is not None and can_print_letters(request.user)
        context["value"] = (
            format_html('<a href="{}">{}</a>', reverse("hostspace_letters:host", args=[instance.pk]), _("Lettre"))
            if allowed and not instance.user_id  # an active account needs no letter (it would issue a new code)
            else ""
        )
        return context


class HostFilterSet(WagtailFilterSet):
    """The hosts' filters, in words an agent reads: « Compte activé : oui / non », not « Activé le is null »."""

    account = django_filters.ChoiceFilter(
        label=_("Compte activé"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        empty_label=_("Tous"),
        method="filter_account",
    )

    class Meta:
        model = Host
        fields = ["city", "civility"]

    def filter_account(self, queryset, name, value):
        # The same fact as the « Compte » column: an account is bound to the record.
        return queryset.filter(user__isnull=value != "oui")


class HostIndexView(ReimportableExportMixin, ScopedIndexView):
    add_item_label = _("Ajouter un hébergeur")
    export_columns = exports.HOST_EXPORT_COLUMNS

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:  # every column is written
            return queryset
        return queryset.only(
            "pk", "site_id", "user_id", "reference", "first_name", "last_name", "company_name", "city", "updated_at"
        )


class HostViewSet(ScopedViewSet):
    model = Host
    icon = "group"
    name = "hosts"
    url_prefix = "hebergeurs"
    menu_label = _("Hébergeurs")
    index_view_class = HostIndexView
    list_display = [
        "__str__",
        "reference",
        "city",
        AccountColumn("account", label=_("Compte")),
        DateColumn("updated_at", label=_("Modifié le")),
        LetterColumn("letter", label=_("Lettre d'activation")),
    ]
    filterset_class = HostFilterSet
    search_fields = ["last_name", "first_name", "company_name", "reference", "contact_email", "city", "siret"]
    list_export = list(exports.HOST_EXPORT_COLUMNS)  # in the import's format (hostspace/backoffice/exports.py)
    export_filename = "hebergeurs"
    ordering = ["last_name", "first_name", "pk"]

    @property
    def edit_handler(self):
        return host_panels()


# Accommodations ---------------------------------------------------------------------


class AccommodationAdminForm(AccommodationCleaning, WagtailAdminModelForm):
    """An agent's accommodation form: the host is one of the agent's collectivity."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "host" in self.fields:
            self.fields["host"].queryset = tenancy.scope(Host.objects.all(), self.for_user)
        if "registration_number" in self.fields:
            allow_spaces(self.fields["registration_number"], 20)

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("opening_periods")
        with_periods = formset is not None and formset.is_valid() and complete_periods(formset.forms)
        if cleaned.get("open_all_year") and with_periods:
            self.add_error(
                "open_all_year",
                _(
                    "Un hébergement ouvert toute l'année n'a pas de périodes : "
                    "décochez « Ouvert toute l'année » ou supprimez les périodes."
                ),
            )
        return cleaned


class OpeningColumn(Column):
    """The opening periods as people read them (from the prefetched periods)."""

    def get_value(self, instance):
        return instance.opening_summary


class CurrentRatingColumn(Column):
    def get_value(self, instance):
        current = instance.current_classification()
        return current.get_rating_display() if current else _("Non classé")


class AccommodationIndexView(ReimportableExportMixin, ScopedIndexView):
    add_item_label = _("Ajouter un hébergement")
    export_columns = exports.ACCOMMODATION_COLUMNS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("host").prefetch_related("classifications", "opening_periods")


class AccommodationCreateView(generic.CreateView):
    """« Ajouter un hébergement » from a host's page arrives with ``?host=``: that host is chosen already."""

    def get_initial(self):
        initial = super().get_initial()
        host_id = self.request.GET.get("host", "")
        if host_id.isdigit():
            host = tenancy.scope(Host.objects.all(), self.request.user).filter(pk=host_id).first()
            if host is not None:
                initial["host"] = host.pk
        return initial


class AccommodationViewSet(ScopedViewSet):
    model = Accommodation
    icon = "home"
    name = "accommodations"
    url_prefix = "hebergements"
    menu_label = _("Hébergements")
    index_view_class = AccommodationIndexView
    add_view_class = AccommodationCreateView
    list_display = [
        "name",
        "kind",
        "host",
        "commune",
        "capacity",
        CurrentRatingColumn("rating", label=_("Classement")),
        OpeningColumn("opening", label=_("Ouverture")),
    ]
    list_filter = {"kind": ["exact"], "commune": ["exact"]}
    search_fields = ["name", "commune", "registration_number", "host__last_name", "host__company_name"]
    # With their host's columns and current classification: the file can be imported again as it is.
    list_export = list(exports.ACCOMMODATION_COLUMNS)
    export_filename = "hebergements"
    edit_handler = ObjectList(
        [
            FieldPanel("host"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("capacity")]),
            FieldPanel("registration_number"),
            MultiFieldPanel(
                [
                    FieldPanel("open_all_year"),
                    yearly_periods_panel(
                        "opening_periods",
                        heading=_("Périodes d'ouverture"),
                        label=_("Période d'ouverture"),
                        help_text=_(
                            "Chaque année, du jour de début au jour de fin (une période peut passer le 31 décembre). "
                            "Sans période ni « Ouvert toute l'année », les périodes sont « non renseignées »."
                        ),
                    ),
                    FieldPanel("opening_notes"),
                ],
                heading=_("Ouverture"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("address_line1"),
                    FieldPanel("address_line2"),
                    FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                ],
                heading=_("Adresse"),
            ),
        ],
        base_form_class=AccommodationAdminForm,
    )


class HostRecordsGroup(ModelViewSetGroup):
    menu_label = _("Hébergeurs")
    menu_icon = "group"
    menu_order = 250
    items = [HostViewSet, AccommodationViewSet, ClassificationViewSet]


@hooks.register("register_admin_viewset")
def register_host_records():
    return HostRecordsGroup()


@hooks.register("register_log_actions")
def register_host_record_actions(actions):
    log_actions.register(actions)
    for model in (Host, Accommodation, Classification):
        actions.register_model(model, RecordLogEntry)
