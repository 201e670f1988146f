"""The classification validation queue of a collectivity's agents: hosts' requests to validate or refuse.

A scoped viewset (:mod:`hostspace.backoffice.viewsets`) whose edit view is
the review: saving records the decision through ``Classification.review``.
The uploaded decisions are served to agents through a permission-checked
admin view, only for their collectivity.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic

from hostspace.backoffice import exports
from hostspace.backoffice.exports import ReimportableExportMixin
from hostspace.backoffice.viewsets import ScopedEditView, ScopedIndexView, ScopedViewSet
from hostspace.records import documents
from hostspace.records.models import Classification
from portal import tenancy


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


@hooks.register("register_admin_urls")
def register_decision_document_urls():
    return [
        path(
            "hebergeurs-documents/decisions/<int:pk>/",
            decision_document_for_agent,
            name="hostspace_decision_document",
        )
    ]
