"""The host's accommodations: list and edit, always through ``request.host``
so that another host's accommodation answers 404."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, UpdateView
from wagtail.log_actions import log

from hostspace.access import HostRequiredMixin
from hostspace.forms import AccommodationForm


class AccommodationListView(HostRequiredMixin, ListView):
    template_name = "hostspace/accommodation_list.html"
    context_object_name = "accommodations"

    def get_queryset(self):
        accommodations = list(self.request.host.accommodations.prefetch_related("classifications", "opening_periods"))
        for accommodation in accommodations:
            accommodation.current = accommodation.current_classification()
            accommodation.pending = accommodation.pending_classification()
        return accommodations


class AccommodationEditView(HostRequiredMixin, UpdateView):
    template_name = "hostspace/accommodation_form.html"
    form_class = AccommodationForm
    context_object_name = "accommodation"

    def get_object(self, queryset=None):
        return get_object_or_404(self.request.host.accommodations, pk=self.kwargs["pk"])

    @transaction.atomic
    def form_valid(self, form):
        # The accommodation and its periods (form.periods) are saved together, or not at all.
        accommodation = form.save()
        log(accommodation, "wagtail.edit", user=self.request.user)
        messages.success(self.request, _("L'hébergement « %(name)s » est enregistré.") % {"name": accommodation.name})
        if "add_period" in self.request.POST:
            # Without JavaScript: back to the form, where a new empty period waits.
            return redirect(f"{self.request.path}#periodes")
        return redirect("hostspace:accommodations")
