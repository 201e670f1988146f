"""« Mes paiements » in the host space, the return from PayFiP, and PayFiP's server-to-server notification.

Every basket and payment is reached from ``request.host``: another host's
reference or receipt answers 404, another host's declaration cannot be put in
a basket. The rules live in :mod:`hostspace.payments.services`.
"""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView, View
from wagtail.log_actions import log

from hostspace.accounts.access import HostRequiredMixin
from hostspace.payments import documents, payfip, services
from hostspace.payments.models import Basket, Means, PayfipOperation, Payment

logger = logging.getLogger(__name__)


class PaymentsHomeView(HostRequiredMixin, TemplateView):
    """The periods left to pay (choose some and a means: a basket), the baskets made and the payments received."""

    template_name = "payments/home.html"

    def get_context_data(self, **kwargs):
        host = self.request.host
        config = services.settings_for(host.site)
        items = services.payable(host)
        chosen = kwargs.pop("chosen", None)
        if chosen is None:
            chosen = {value for value in self.request.GET.getlist("periode") if value.isdigit()}
        means = [(value, label) for value, label in Means.choices if value != Means.PAYFIP or config.payfip_enabled]
        return super().get_context_data(
            items=items,
            chosen={str(value) for value in chosen},
            means_choices=means,
            means=kwargs.pop("means", None) or (Means.PAYFIP if config.payfip_enabled else Means.TRANSFER),
            baskets=Basket.objects.filter(host=host)[:20],
            payments=Payment.objects.filter(host=host).select_related("basket")[:50],
            config=config,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        chosen = request.POST.getlist("periode")
        means = request.POST.get("moyen", "")
        try:
            basket = services.create_basket(request.host, chosen, means, user=request.user)
        except services.PaymentError as error:
            context = self.get_context_data(error=str(error), chosen=set(chosen), means=means)
            return self.render_to_response(context, status=400)
        log(request.host, "hostspace.payment.basket", user=request.user, data={"reference": basket.reference})
        return redirect("hostspace:payment_basket", reference=basket.reference)


class BasketMixin(HostRequiredMixin):
    def get_basket(self):
        return get_object_or_404(
            Basket.objects.filter(host=self.request.host).select_related("host__site", "host__user"),
            reference=self.kwargs["reference"],
        )


class BasketView(BasketMixin, TemplateView):
    """A basket: its periods, what is left, how to pay it (PayFiP, transfer details, cheque), its operations."""

    template_name = "payments/basket.html"

    def get_context_data(self, **kwargs):
        basket = self.get_basket()
        return super().get_context_data(
            basket=basket,
            state=services.state_of(basket),
            config=services.settings_for(basket.host.site),
            operations=basket.operations.all(),
            payments=basket.payments.all(),
            **kwargs,
        )


class StartPayfipView(BasketMixin, View):
    """POST « Payer en ligne »: create the PayFiP operation, then send the payer to PayFiP."""

    def post(self, request, *args, **kwargs):
        basket = self.get_basket()
        if basket.means != Means.PAYFIP:
            raise Http404
        back = reverse("hostspace:payment_basket", kwargs={"reference": basket.reference})
        try:
            operation = services.start_payfip(
                basket,
                urlnotif=request.build_absolute_uri(reverse("payfip_notification")),
                urlredirect=request.build_absolute_uri(
                    reverse("hostspace:payment_return", kwargs={"reference": basket.reference})
                ),
            )
        except services.PaymentError as error:
            messages.error(request, str(error))
            return redirect(back)
        return HttpResponseRedirect(payfip.payment_url(operation.id_op))


@method_decorator(csrf_exempt, name="dispatch")
class ReturnView(BasketMixin, View):
    """Back from PayFiP: ask PayFiP for the result (never trust the way back), then say it.

    Should PayFiP bring the payer back with a form POST (from its own site, so without our CSRF token),
    the POST only redirects to the same address in GET: it reads nothing from the request and changes
    nothing, which is why it may skip the CSRF check; the GET re-queries PayFiP like the notification.
    """

    def post(self, request, *args, **kwargs):
        self.get_basket()
        return HttpResponseRedirect(request.path)

    def get(self, request, *args, **kwargs):
        basket = self.get_basket()
        operation = basket.operations.order_by("-created_at", "-pk").first()
        if operation is not None:
            operation = services.check_operation(operation.id_op) or operation
        back = redirect("hostspace:payment_basket", reference=basket.reference)
        if operation is None:
            return back
        status = operation.status
        if status == PayfipOperation.Status.PAID:
            messages.success(request, _("Paiement confirmé par PayFiP : votre quittance est disponible ci-dessous."))
        elif status == PayfipOperation.Status.ABANDONED:
            messages.warning(request, _("Paiement abandonné : rien n'a été payé, votre panier reste à payer."))
        elif status == PayfipOperation.Status.REFUSED:
            messages.error(request, _("Paiement refusé : rien n'a été payé. Vous pouvez payer à nouveau ce panier."))
        else:
            messages.info(
                request,
                _("PayFiP n'a pas encore confirmé le paiement : le statut passera à « Payé » dès sa confirmation."),
            )
        return back


class PaymentRequestView(BasketMixin, View):
    """The avis de paiement of a basket (PDF), for the host's accountant."""

    def get(self, request, *args, **kwargs):
        basket = self.get_basket()
        return documents.pdf_response(documents.payment_request_pdf(basket), documents.payment_request_name(basket))


class ReceiptView(HostRequiredMixin, View):
    """The quittance of one of the host's own payments (PDF)."""

    def get(self, request, pk):
        payment = get_object_or_404(
            Payment.objects.filter(host=request.host)
            .exclude(method=Payment.Method.REVERSAL)
            .select_related("host__site", "basket"),
            pk=pk,
        )
        return documents.pdf_response(documents.receipt_pdf(payment), documents.receipt_name(payment))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def payfip_notification(request):
    """PayFiP's notification (server to server): only a trigger to ask PayFiP for the result again.

    Exempt from CSRF because PayFiP posts it without a token; it changes
    nothing by itself. An unknown idOp is logged and ignored.
    """
    id_op = (request.POST.get("idop") or request.POST.get("idOp") or request.GET.get("idop") or "").strip()
    if not id_op:
        logger.warning("PayFiP notification without an idOp, ignored.")
        return HttpResponse("", status=400, content_type="text/plain")
    services.check_operation(id_op)
    return HttpResponse("OK", content_type="text/plain")
