"""« Mes documents »: the guide of the collectivity, the host's activation letter and the
classification decisions they uploaded. Private files go out only through these views."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from hostspace import documents
from hostspace.access import HostRequiredMixin
from hostspace.models import Classification
from hostspace.views.dashboard import call_selector, optional

# Only a function that returns the letter already sent is acceptable here: printing a new
# letter (``letters.letter_for``) would issue a new code, which a host must never trigger.
STORED_LETTER_FUNCTIONS = ("stored_letter_pdf", "archived_letter_pdf")


def activation_letter_pdf(host):
    """The activation letter sent to ``host`` as PDF bytes, or None when none is kept."""
    for name in STORED_LETTER_FUNCTIONS:
        fetch = optional("hostspace.letters", name)
        if fetch is not None:
            result = fetch(host)
            if result:
                return result if isinstance(result, bytes) else result.read()
    return None


def letters_available():
    return any(optional("hostspace.letters", name) is not None for name in STORED_LETTER_FUNCTIONS)


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
            letter_available=letters_available(),
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
    def get(self, request):
        pdf = activation_letter_pdf(request.host)
        if pdf is None:
            raise Http404
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="lettre-activation.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
