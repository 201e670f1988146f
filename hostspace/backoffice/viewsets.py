"""Wagtail admin views scoped to the staff member's collectivity, for every record an agent keeps.

Each view of a :class:`ScopedViewSet` (listing, edit, delete, history, usage,
inspect, export) reads through :func:`portal.tenancy.scope`: an agent of one
collectivity never sees, nor reaches by URL, another collectivity's rows.
The host records (:mod:`hostspace.backoffice.records`), the classification
queue (:mod:`hostspace.backoffice.classifications`) and the deliberations
(:mod:`hostspace.tax.wagtail_hooks`) are such viewsets. :func:`yearly_periods_panel`
edits the periods of the year of either (opening or collection periods).
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from hostspace.records import periods
from hostspace.records.forms import NonOverlappingPeriods
from portal import tenancy
from portal.panels import CappedChildFormSet, CappedInlinePanel
from portal.spreadsheets import neutralise_formula


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


# Periods of the year ----------------------------------------------------------------------------


class YearlyPeriodChildFormSet(NonOverlappingPeriods, CappedChildFormSet):
    """The periods of the admin's inline panel, refused together when they overlap, at most 12."""


class YearlyPeriodsPanel(CappedInlinePanel):
    """The capped inline panel, with the overlap check of :class:`YearlyPeriodChildFormSet`."""

    formset_class = YearlyPeriodChildFormSet


def yearly_periods_panel(relation, *, heading, label, help_text):
    """The inline panel of a :class:`~hostspace.records.models.YearlyPeriod` relation: day and month, start and end."""
    return YearlyPeriodsPanel(
        relation,
        heading=heading,
        label=label,
        max_num=periods.MAX_PERIODS,
        help_text=help_text,
        panels=[
            FieldRowPanel([FieldPanel("start_day"), FieldPanel("start_month")]),
            FieldRowPanel([FieldPanel("end_day"), FieldPanel("end_month")]),
        ],
    )
