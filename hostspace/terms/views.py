"""Acceptance of the CGU and privacy policy in force, and the pages showing their text."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views.generic import FormView, TemplateView
from wagtail.models import Site

from hostspace.accounts.access import current_host
from hostspace.terms import services as terms
from hostspace.terms.forms import TermsAcceptanceForm
from hostspace.terms.models import TermsVersion


class TermsAcceptanceView(LoginRequiredMixin, FormView):
    """« Pour créer et valider votre compte »: both documents must be accepted before the dashboard opens."""

    template_name = "terms/acceptance.html"
    form_class = TermsAcceptanceForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.host = current_host(request)
        if self.host is None:
            return self.handle_no_permission()
        self.pending = terms.pending_versions(request.user, self.host.site)
        if not self.pending:
            return redirect("hostspace:dashboard")
        self.in_force = terms.versions_in_force(self.host.site)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": tuple(self.in_force)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(host=self.host, versions=self.in_force, **kwargs)

    def form_valid(self, form):
        terms.accept(self.request.user, self.pending, request=self.request)
        return redirect("hostspace:dashboard")


class TermsDocumentView(TemplateView):
    """The text of the version in force of one document on this site (linked from the checkboxes)."""

    template_name = "terms/document.html"

    def get_context_data(self, **kwargs):
        kind = self.kwargs["kind"]
        if kind not in TermsVersion.Kind.values:
            raise Http404
        version = terms.version_in_force(Site.find_for_request(self.request), kind)
        if version is None:
            raise Http404
        return super().get_context_data(
            version=version, text=version.text_for_language(get_language()), language=get_language(), **kwargs
        )
