"""The host's accommodations: list and edit, always through ``request.host``
so that another host's accommodation answers 404."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, UpdateView, View
from wagtail.log_actions import log

from hostspace.accounts.access import HostRequiredMixin
from hostspace.records import documents
from hostspace.records.forms import AccommodationForm, ClassificationRequestForm, pending_request_message
from hostspace.records.models import Classification
from portal.uploads import refused_uploads


class AccommodationListView(HostRequiredMixin, ListView):
    template_name = "records/accommodation_list.html"
    context_object_name = "accommodations"

    def get_queryset(self):
        accommodations = list(self.request.host.accommodations.prefetch_related("classifications", "opening_periods"))
        for accommodation in accommodations:
            accommodation.current = accommodation.current_classification()
            accommodation.pending = accommodation.pending_classification()
        return accommodations


class AccommodationEditView(HostRequiredMixin, UpdateView):
    template_name = "records/accommodation_form.html"
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


class ClassificationListView(HostRequiredMixin, TemplateView):
    template_name = "records/classification_list.html"

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
    template_name = "records/classification_form.html"
    form_class = ClassificationRequestForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "host": self.request.host,
            "refused_uploads": refused_uploads(self.request),
        }

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
        try:
            with transaction.atomic():
                classification.save()
        except IntegrityError:
            # A double submit: the other request is pending now. Its file stays, this copy goes.
            classification.decision_document.delete(save=False)
            form.add_error("accommodation", pending_request_message(classification.accommodation))
            return self.form_invalid(form)
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


class ClassificationWithdrawView(HostRequiredMixin, View):
    """« Retirer ma demande »: the host takes back a pending request of theirs (by POST, from « Mes classements »)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        classification = get_object_or_404(
            Classification.objects.select_related("accommodation"), pk=pk, accommodation__host=request.host
        )
        if classification.withdraw(request.user):
            messages.success(
                request,
                _("Votre demande de classement pour « %(name)s » est retirée.")
                % {"name": classification.accommodation.name},
            )
        else:
            messages.error(
                request,
                _(
                    "Cette demande n'est plus en attente : la collectivité l'a déjà examinée, elle ne peut plus être retirée."
                ),
            )
        return redirect("hostspace:classifications")


def decision_download_name(classification):
    extension = classification.decision_document.name.rsplit(".", 1)[-1]
    return f"decision-classement-{slugify(classification.accommodation.name)}-{classification.pk}.{extension}"


class DecisionDocumentView(HostRequiredMixin, View):
    """A decision uploaded by this host; another host's decision answers 404."""

    def get(self, request, pk):
        classification = get_object_or_404(
            Classification.objects.select_related("accommodation").exclude(decision_document=""),
            pk=pk,
            accommodation__host=request.host,
        )
        return documents.serve(classification.decision_document, decision_download_name(classification))
