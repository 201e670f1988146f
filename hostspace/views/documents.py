"""« Mes documents »: the guide of the collectivity, the host's activation letter and the
classification decisions they uploaded. Private files go out only through these views."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from hostspace import documents
from hostspace.access import HostRequiredMixin
from hostspace.models import Classification
from hostspace.views.dashboard import call_selector


def activation_letter_pdf(host):
    """A copy of the activation letter of ``host``, with no usable code on it.

    Printing a new letter (``letters.letter_for``) would issue a new code, which a host
    must never trigger: the copy only says what became of the code. Imported here so
    that WeasyPrint loads only when a letter is asked for.
    """
    from hostspace import letters

    return letters.letter_copy_pdf(host)


def decision_download_name(classification):
    extension = classification.decision_document.name.rsplit(".", 1)[-1]
    return f"decision-classement-{slugify(classification.accommodation.name)}-{classification.pk}.{extension}"


class DocumentListView(HostRequiredMixin, TemplateView):
    template_name = "hostspace/documents.html"

    def get_context_data(self, **kwargs):
        decisions = (
            Classification.objects.filter(accommodation__host=self.request.host)
            .exclude(decision_document="")
            .select_related("accommodation")
            .order_by("-submitted_at")
        )
        return super().get_context_data(
            guide=call_selector("guides.selectors", "guide_document", self.request.host.site),
            decisions=decisions,
            **kwargs,
        )


class DecisionDocumentView(HostRequiredMixin, View):
    """A decision uploaded by this host; another host's decision answers 404."""

    def get(self, request, pk):
        classification = get_object_or_404(
            Classification.objects.select_related("accommodation").exclude(decision_document=""),
            pk=pk,
            accommodation__host=request.host,
        )
        return documents.serve(classification.decision_document, decision_download_name(classification))


class ActivationLetterView(HostRequiredMixin, View):
    """The copy of the logged-in host's own letter: the host comes from the session, never from the URL."""

    def handle_no_permission(self):
        # Logged in without a host record on this site (another collectivity's host, staff): nothing here.
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def get(self, request):
        pdf = activation_letter_pdf(request.host)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="lettre-activation.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
