"""The host's dashboard (« Bienvenue sur votre tableau de bord »).

One page that summarises everything the host can do: personal information,
accommodations and their classifications, documents, news, help and the
guided tour. Content edited in the CMS comes from the news and guides
selectors; the dashboard still opens when one of them is missing.
"""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from wagtail.log_actions import log

from guides import selectors as guides
from hostspace.accounts.access import HostRequiredMixin
from hostspace.dashboard.content import cms_content
from hostspace.declarations import services as declarations
from hostspace.records.forms import PersonalInfoForm
from hostspace.records.models import Classification
from portal.tenancy import base_url

logger = logging.getLogger(__name__)


class DashboardView(HostRequiredMixin, TemplateView):
    template_name = "dashboard/dashboard.html"

    def fragment_keys(self, site):
        from hostspace.dashboard.content import cms_content_key

        return [*super().fragment_keys(site), cms_content_key(site)]

    def get_context_data(self, **kwargs):
        host = self.request.host
        site = host.site
        accommodations = list(host.accommodations.prefetch_related("classifications", "opening_periods"))
        for accommodation in accommodations:
            accommodation.current = accommodation.current_classification()
            accommodation.pending = accommodation.pending_classification()
        return super().get_context_data(
            host=host,
            accommodations=accommodations,
            expiring=[a for a in accommodations if a.current and a.current.expires_soon()],
            expired=[a for a in accommodations if a.current and a.current.is_expired()],
            pending_count=sum(1 for a in accommodations if a.pending),
            declarations=declarations.dashboard_summary(accommodations, site),
            **cms_content(site),
            security_url=reverse("hostspace:security"),
            logout_url=reverse("hostspace:logout"),
            **kwargs,
        )


EMAIL_CHANGE_SALT = "hostspace.email-change"


EMAIL_CHANGE_MAX_AGE = 60 * 60 * 48


def email_change_token(user, new_email):
    """A signed token naming the account, its current address and the new one (valid 48 hours)."""
    return signing.dumps({"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT)


def send_email_change_link(request, user, new_email):
    token = email_change_token(user, new_email)
    link = base_url(request.host.site) + reverse("hostspace:confirm_email", args=[token])
    context = {"user": user, "link": link, "new_email": new_email, "site_name": request.host.site.site_name}
    send_mail(
        subject=_("Confirmez votre nouvelle adresse électronique"),
        message=render_to_string("dashboard/profile_email_change.txt", context),
        from_email=None,
        recipient_list=[new_email],
    )


class PersonalInfoView(HostRequiredMixin, FormView):
    template_name = "dashboard/profile_form.html"
    form_class = PersonalInfoForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.host, "user": self.request.user}

    @transaction.atomic
    def form_valid(self, form):
        host = form.save()
        log(host, "wagtail.edit", user=self.request.user)
        if form.cleaned_data["email"] != self.request.user.email:
            send_email_change_link(self.request, self.request.user, form.cleaned_data["email"])
            log(host, "hostspace.email_change_requested", user=self.request.user)
            messages.success(
                self.request,
                _(
                    "Vos informations sont enregistrées. Un lien de confirmation a été envoyé à %(email)s : "
                    "votre courriel de connexion changera quand vous l'aurez ouvert."
                )
                % {"email": form.cleaned_data["email"]},
            )
        else:
            messages.success(self.request, _("Vos informations personnelles sont enregistrées."))
        return redirect("hostspace:dashboard")


class ConfirmEmailView(HostRequiredMixin, View):
    """Open the link of the email: the new address becomes the login (once, for this account only)."""

    def get(self, request, token):
        try:
            data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("Ce lien de confirmation n'est pas valide ou a expiré."))
            return redirect("hostspace:profile")
        user = request.user
        if data.get("user") != user.pk:
            raise Http404
        if data.get("old") != user.email:
            messages.error(request, _("Ce lien de confirmation a déjà été utilisé."))
            return redirect("hostspace:profile")
        user_model = get_user_model()
        new_email = user_model.objects.normalize_email(data.get("new"))
        if user_model.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            messages.error(request, _("Cette adresse ne peut pas être utilisée."))
            return redirect("hostspace:profile")
        with transaction.atomic():
            user.email = new_email
            user.save(update_fields=["email"])
            log(request.host, "hostspace.email_changed", user=user, data={"email": new_email})
        messages.success(
            request, _("Votre nouveau courriel de connexion est confirmé : %(email)s.") % {"email": new_email}
        )
        return redirect("hostspace:dashboard")


def activation_letter_pdf(host):
    """A copy of the activation letter of ``host``, with no usable code on it.

    Printing a new letter (``letters.letter_for``) would issue a new code, which a host
    must never trigger: the copy only says what became of the code. Imported here so
    that WeasyPrint loads only when a letter is asked for.
    """
    from hostspace.backoffice import letters

    return letters.letter_copy_pdf(host)


class DocumentListView(HostRequiredMixin, TemplateView):
    template_name = "dashboard/documents.html"

    def get_context_data(self, **kwargs):
        decisions = (
            Classification.objects.filter(accommodation__host=self.request.host)
            .exclude(decision_document="")
            .select_related("accommodation")
            .order_by("-submitted_at")
        )
        from hostspace.payments.models import Payment

        receipts = Payment.objects.filter(host=self.request.host).exclude(method=Payment.Method.REVERSAL)
        return super().get_context_data(
            guide=guides.guide_document(self.request.host.site),
            decisions=decisions,
            receipts=receipts,
            **kwargs,
        )


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
