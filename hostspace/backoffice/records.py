"""Back-office of host records for a collectivity's agents (Wagtail admin).

Hosts, accommodations and the classification validation queue are Wagtail
``ModelViewSet``s whose every view (listing, edit, delete, history, usage,
inspect, export) reads through :func:`portal.tenancy.scope`: an agent of
one collectivity never sees, nor reaches by URL, another collectivity's rows.
Form choices (the host of an accommodation) are filtered the same way.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from hostspace.backoffice import exports, log_actions
from hostspace.backoffice.exports import ReimportableExportMixin
from hostspace.backoffice.letter_views import can_print_letters
from hostspace.records import documents, periods
from hostspace.records.forms import (
    AccommodationCleaning,
    HostIdentityCleaning,
    NonOverlappingPeriods,
    allow_spaces,
    complete_periods,
)
from hostspace.records.models import Accommodation, Classification, Host, RecordLogEntry
from portal import tenancy
from portal.panels import CappedChildFormSet, CappedInlinePanel
from portal.spreadsheets import neutralise_formula

# Scoped views ------------------------------------------------------------------


class ScopedIndexView(generic.IndexView):
    # Wagtail already forces XLSX formulas back to text; do the same for CSV.
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        str: {generic.IndexView.FORMAT_CSV: neutralise_formula},
    }

    def get_base_queryset(self):
        return tenancy.scope(super().get_base_queryset(), self.request.user)


class ScopedEditView(generic.EditView):
    def get_queryset(self):
        return tenancy.scope(self.model._default_manager.all(), self.request.user)


class ScopedDeleteView(generic.DeleteView):
    def get_queryset(self):
        return tenancy.scope(self.model._default_manager.all(), self.request.user)

    def form_valid(self, form):
        # A record that legal records point at (a host's declarations: on_delete=PROTECT) is kept; Wagtail's
        # usage check only knows the references it indexes, so the refusal is caught here instead of a 500.
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "« %(object)s » ne peut pas être supprimé : des déclarations ou d'autres pièces que la "
                    "collectivité doit conserver y sont rattachées."
                )
                % {"object": self.object},
            )
            return redirect(self.index_url_name)


class ScopedHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return tenancy.scope(super().get_base_object_queryset(), self.request.user)


class ScopedUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return tenancy.scope(super().get_base_object_queryset(), self.request.user)


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(tenancy.scope(self.model._default_manager.all(), self.request.user), pk=self.pk)


class ScopedViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    copy_view_enabled = False
    inspect_view_enabled = True


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


class OpeningPeriodChildFormSet(NonOverlappingPeriods, CappedChildFormSet):
    """The periods of the admin's inline panel, refused together when they overlap, at most 12."""


class OpeningPeriodsPanel(CappedInlinePanel):
    """The capped inline panel, with the overlap check of :class:`OpeningPeriodChildFormSet`."""

    formset_class = OpeningPeriodChildFormSet


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
                    OpeningPeriodsPanel(
                        "opening_periods",
                        heading=_("Périodes d'ouverture"),
                        label=_("Période d'ouverture"),
                        max_num=periods.MAX_PERIODS,
                        help_text=_(
                            "Chaque année, du jour de début au jour de fin (une période peut passer le 31 décembre). "
                            "Sans période ni « Ouvert toute l'année », les périodes sont « non renseignées »."
                        ),
                        panels=[
                            FieldRowPanel([FieldPanel("start_day"), FieldPanel("start_month")]),
                            FieldRowPanel([FieldPanel("end_day"), FieldPanel("end_month")]),
                        ],
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


# Classification validation queue ---------------------------------------------------------------


class ClassificationReviewForm(WagtailAdminModelForm):
    """An agent validates or rejects a pending classification, with a note the host will read."""

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("validate", _("Valider le classement")), ("reject", _("Refuser la demande"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Classification
        fields = ["review_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            link = ""
            if instance.decision_document:
                link = format_html(
                    ' <a href="{}">{}</a>',
                    reverse("hostspace_decision_document", args=[instance.pk]),
                    _("Télécharger la décision"),
                )
            self.fields["decision"].help_text = format_html(
                "{} – {} : <strong>{}</strong>, {} {}.{}",
                instance.accommodation.host,
                instance.accommodation.name,
                instance.get_rating_display(),
                _("décision du"),
                instance.decision_date.strftime("%d/%m/%Y") if instance.decision_date else "—",
                link,
            )
        self.fields["review_note"].label = _("Motif (visible par l'hébergeur)")

    def clean(self):
        cleaned = super().clean()
        if self.instance.status == Classification.Status.WITHDRAWN:
            raise forms.ValidationError(_("L'hébergeur a retiré cette demande : il n'y a plus rien à décider."))
        if not self.instance.is_pending:
            raise forms.ValidationError(_("Cette demande a déjà été examinée."))
        if cleaned.get("decision") == "reject" and not (cleaned.get("review_note") or "").strip():
            self.add_error("review_note", _("Indiquez le motif du refus : l'hébergeur le verra."))
        return cleaned


class ClassificationReviewView(ScopedEditView):
    """Edit = review: saving records the decision through :meth:`Classification.review`."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for message in replacement_warnings(self.object):
            messages.warning(request, message)
        return response

    def save_instance(self):
        return self.form.instance.review(
            self.request.user,
            validate=self.form.cleaned_data["decision"] == "validate",
            note=self.form.cleaned_data.get("review_note", ""),
        )

    def get_success_message(self, instance=None):
        instance = instance or self.object
        if instance.status == Classification.Status.VALIDATED:
            return _("Le classement « %(object)s » est validé.") % {"object": instance}
        return _("La demande de classement « %(object)s » est refusée ; l'hébergeur verra le motif.") % {
            "object": instance
        }

    def get_success_url(self):
        """Back to the queue as the agent left it (its filters), or to the pending requests."""
        return self.queue_url() or reverse(self.index_url_name) + "?status=pending"

    def get_edit_url(self):
        # The form posts to this URL: it carries the queue the agent came from.
        url = super().get_edit_url()
        return f"{url}?{urlencode({'next': self.queue_url()})}" if self.queue_url() else url

    def queue_url(self):
        """The listing URL given as ``next``, when it is the classification queue of this site."""
        url = get_valid_next_url_from_request(self.request)
        return url if url.startswith(reverse(self.index_url_name)) else ""


def replacement_warnings(classification):
    """What the agent must know before deciding: requests this one replaces, or that it was withdrawn."""
    if classification.status == Classification.Status.WITHDRAWN:
        return [
            _("L'hébergeur a retiré cette demande le %(date)s : il n'y a plus rien à décider.")
            % {"date": date_format(timezone.localtime(classification.withdrawn_at), "SHORT_DATE_FORMAT")}
        ]
    return [
        _(
            "Cette demande remplace celle du %(submitted)s (%(rating)s), retirée par l'hébergeur le %(withdrawn)s : "
            "examinez la décision jointe à celle-ci."
        )
        % {
            "submitted": date_format(timezone.localtime(replaced.submitted_at), "SHORT_DATE_FORMAT"),
            "rating": replaced.get_rating_display(),
            "withdrawn": date_format(timezone.localtime(replaced.withdrawn_at), "SHORT_DATE_FORMAT")
            if replaced.withdrawn_at
            else "—",
        }
        for replaced in (classification.replaced_requests() if classification.is_pending else [])
    ]


class NoAddView(generic.CreateView):
    """Classifications come from hosts' requests (or agents' edits of an accommodation): never created here."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ClassificationIndexView(ReimportableExportMixin, ScopedIndexView):
    default_ordering = "-submitted_at"
    export_columns = exports.CLASSIFICATION_COLUMNS

    def get_edit_url(self, instance):
        """Each request's review link remembers the queue as filtered now, to come back to it."""
        url = super().get_edit_url(instance)
        if url is None:
            return None
        query = self.request.GET.copy()
        query.pop("p", None)  # the page may be empty once the request leaves a filtered queue
        queue = reverse(self.index_url_name) + (f"?{query.urlencode()}" if query else "")
        return f"{url}?{urlencode({'next': queue})}"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("accommodation__host")


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class DecisionColumn(Column):
    """The uploaded decision, served through the permission-checked admin view."""

    def get_value(self, instance):
        if not instance.decision_document:
            return ""
        url = reverse("hostspace_decision_document", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Décision"))


class ClassificationViewSet(ScopedViewSet):
    model = Classification
    icon = "tasks"
    name = "classifications"
    url_prefix = "classements"
    menu_label = _("Classements à valider")
    index_view_class = ClassificationIndexView
    edit_view_class = ClassificationReviewView
    add_view_class = NoAddView
    list_display = [
        "accommodation",
        Column("host", label=_("Hébergeur"), accessor="accommodation.host"),
        "rating",
        Column("decision_date", label=_("Date de la décision")),  # a date to read, not "2 years ago"
        StatusColumn("status", label=_("Statut")),
        DateColumn("submitted_at", label=_("Demandé le")),
        DecisionColumn("decision_document", label=_("Décision")),
    ]
    list_filter = {"status": ["exact"], "rating": ["exact"]}
    search_fields = ["accommodation__name", "accommodation__host__last_name", "accommodation__host__company_name"]
    list_export = list(exports.CLASSIFICATION_COLUMNS)
    export_filename = "classements"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    @property
    def menu_url(self):
        """The menu says « à valider »: it opens the queue on the pending requests (the filter shows others)."""
        return reverse(self.get_url_name("index")) + "?status=pending"

    edit_handler = ObjectList(
        [FieldPanel("decision"), FieldPanel("review_note")], base_form_class=ClassificationReviewForm
    )


class HostRecordsGroup(ModelViewSetGroup):
    menu_label = _("Hébergeurs")
    menu_icon = "group"
    menu_order = 250
    items = [HostViewSet, AccommodationViewSet, ClassificationViewSet]


# Private documents for agents ---------------------------------------------------------------------


def decision_document_for_agent(request, pk):
    """An agent downloads a decision of their collectivity; any other answers 404."""
    if not request.user.has_perm("records.change_classification") and not request.user.has_perm(
        "records.view_classification"
    ):
        raise PermissionDenied
    classification = get_object_or_404(
        tenancy.scope(Classification.objects.select_related("accommodation"), request.user).exclude(
            decision_document=""
        ),
        pk=pk,
    )
    from hostspace.records.views import decision_download_name

    return documents.serve(classification.decision_document, decision_download_name(classification))


def admin_urls():
    return [
        path(
            "hebergeurs-documents/decisions/<int:pk>/",
            decision_document_for_agent,
            name="hostspace_decision_document",
        )
    ]


@hooks.register("register_admin_viewset")
def register_host_records():
    return HostRecordsGroup()


@hooks.register("register_admin_urls")
def register_host_document_urls():
    return admin_urls()


@hooks.register("register_log_actions")
def register_host_record_actions(actions):
    log_actions.register(actions)
    for model in (Host, Accommodation, Classification):
        actions.register_model(model, RecordLogEntry)
