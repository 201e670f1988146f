"""« Activer mon compte »: the host types the letter's code, an email and a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.models import Site

from hostspace import activation, code_throttling
from hostspace.access import current_host
from hostspace.forms_activation import ActivationForm

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class ActivationView(FormView):
    """Create (or bind) the account of a host record from the code of its letter, then ask for the terms."""

    template_name = "hostspace/activate.html"
    form_class = ActivationForm

    def dispatch(self, request, *args, **kwargs):
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404
        if current_host(request) is not None:
            return redirect("hostspace:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not code_throttling.check_code_attempts(request):
            return render(request, "hostspace/activate_locked.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = activation.activate(data["code"], self.site, data["email"], data["password1"])
        except activation.ActivationError:
            self._failed()
            form.add_error(
                "code",
                _(
                    "Ce code d'activation n'est pas valable : vérifiez-le sur votre courrier. "
                    "Un code ne sert qu'une fois et expire après quelques mois ; votre collectivité peut vous en envoyer un nouveau."
                ),
            )
            form.describe_fields()
            return self.form_invalid(form)
        except activation.AccountRefused:
            self._failed()
            form.add_error(
                None,
                _(
                    "Impossible d'activer le compte avec ces informations. Si vous avez déjà un compte sur la plateforme, "
                    "saisissez son courriel et son mot de passe actuel ; sinon, choisissez une autre adresse électronique."
                ),
            )
            return self.form_invalid(form)
        code_throttling.clear_code_attempts(self.request)
        if not result.created:
            # An existing account may be protected by a second factor: it logs in the usual way.
            messages.success(
                self.request,
                _("Ce dossier est maintenant rattaché à votre compte. Connectez-vous pour accéder à votre espace."),
            )
            return redirect("hostspace:login")
        login(self.request, result.user, backend=MODEL_BACKEND)
        return redirect("hostspace:terms")

    def _failed(self):
        code_throttling.record_failed_code(self.request)
        if not code_throttling.check_code_attempts(self.request):
            # The next attempt will be refused; say so now rather than surprise the person.
            self.extra_context = {"throttled_next": True}
