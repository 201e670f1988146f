"""Classifications seen by the host: the current rating of each accommodation, the history
of requests, and a new request with its decision document (pending until an agent decides)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.log_actions import log

from hostspace.access import HostRequiredMixin
from hostspace.forms import ClassificationRequestForm
from hostspace.models import Classification


class ClassificationListView(HostRequiredMixin, TemplateView):
    template_name = "hostspace/classification_list.html"

    def get_context_data(self, **kwargs):
        accommodations = list(self.request.host.accommodations.prefetch_related("classifications"))
        for accommodation in accommodations:
            accommodation.current = accommodation.current_classification()
            accommodation.pending = accommodation.pending_classification()
        history = (
            Classification.objects.filter(accommodation__host=self.request.host)
            .select_related("accommodation")
            .order_by("-submitted_at", "-pk")
        )
        return super().get_context_data(accommodations=accommodations, history=history, **kwargs)


class ClassificationRequestView(HostRequiredMixin, FormView):
    template_name = "hostspace/classification_form.html"
    form_class = ClassificationRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "host": self.request.host}

    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("hebergement", "")
        if wanted.isdigit() and self.request.host.accommodations.filter(pk=wanted).exists():
            initial["accommodation"] = int(wanted)
        return initial

    def get(self, request, *args, **kwargs):
        if not request.host.accommodations.exists():
            messages.info(request, _("Aucun hébergement n'est enregistré pour votre compte."))
            return redirect("hostspace:classifications")
        return super().get(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        classification = form.save(commit=False)
        classification.submitted_by = self.request.user
        classification.save()
        log(classification, "wagtail.create", user=self.request.user)
        log(
            classification.accommodation,
            "hostspace.classification.request",
            user=self.request.user,
            data={"rating": classification.get_rating_display()},
        )
        messages.success(
            self.request,
            _("Votre demande de classement est envoyée : elle sera effective après validation par la collectivité."),
        )
        return redirect("hostspace:classifications")
