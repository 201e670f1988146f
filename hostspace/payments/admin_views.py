"""The agents' payment screens in the Wagtail admin, all within their own collectivity.

- « Paiements »: every payment received (PayFiP card or debit, cheques, transfers, reversals), with what was
  allocated and what was not (part payments and overpayments shown, never hidden), flagged anomalies,
  filterable and exported to CSV or XLSX;
- « Opérations PayFiP »: each operation's status, idOp and refdet, and « Vérifier maintenant »;
- « Enregistrer un chèque ou un virement »: amount, date, reference, matched to a basket or to periods;
- a payment's reversal (a new negative payment: nothing is ever changed nor deleted), and its receipt.

Every object is reached through :func:`portal.tenancy.scope`: another collectivity's host, basket, payment or
operation answers 404.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.log_actions import log

from hostspace.declarations.admin_views import AgentView, PermissionMenuItem
from hostspace.payments import documents, services
from hostspace.payments.models import ZERO, Basket, PayfipOperation, Payment
from hostspace.payments.tasks import check_pending_payments
from hostspace.records.models import Host
from portal import spreadsheets, tenancy

VIEW = "payments.view_payment"
RECORD = "payments.add_payment"
LIMIT = 300


class PaymentsAgentView(AgentView):
    permission = VIEW
    header_icon = "tag"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": reverse("payments_list"), "label": _("Paiements")},
            {"url": "", "label": self.get_page_title()},
        ]


# --- Payments received ------------------------------------------------------------------------------------

METHOD_CHOICES = [("", gettext_lazy("Tous les moyens")), *Payment.Method.choices]


class PaymentFilterForm(forms.Form):
    moyen = forms.ChoiceField(label=gettext_lazy("Moyen"), choices=METHOD_CHOICES, required=False)
    q = forms.CharField(label=gettext_lazy("Hébergeur, référence, refdet ou idOp"), required=False, max_length=100)
    du = forms.DateField(
        label=gettext_lazy("Reçu depuis le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    au = forms.DateField(
        label=gettext_lazy("Reçu jusqu'au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    anomalie = forms.BooleanField(label=gettext_lazy("À vérifier seulement"), required=False)


def payments_for(request, site):
    """The collectivity's payments, filtered by the request's query; ``(form, queryset)``."""
    form = PaymentFilterForm(request.GET or None)
    payments = (
        tenancy.scope(Payment.objects.all(), request.user)
        .filter(host__site=site)
        .select_related("host", "basket", "operation", "reverses")
        .annotate(
            allocated=Coalesce(
                Sum("allocations__amount"), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2)
            )
        )
        .order_by("-received_on", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["moyen"]:
            payments = payments.filter(method=data["moyen"])
        if data["q"]:
            text = data["q"].strip()
            payments = payments.filter(
                Q(host__last_name__icontains=text)
                | Q(host__company_name__icontains=text)
                | Q(host__reference__icontains=text)
                | Q(reference__icontains=text)
                | Q(basket__reference__icontains=text)
                | Q(operation__id_op__icontains=text)
            )
        if data["du"]:
            payments = payments.filter(received_on__gte=data["du"])
        if data["au"]:
            payments = payments.filter(received_on__lte=data["au"])
        if data["anomalie"]:
            payments = payments.exclude(anomaly="")
    return form, payments


class FilteredListView(PaymentsAgentView):
    def export_urls(self, url_name):
        """The CSV and XLSX exports of what the list shows, with the same filters."""
        query = self.request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        return {
            "csv_url": reverse(url_name, args=["csv"]) + suffix,
            "xlsx_url": reverse(url_name, args=["xlsx"]) + suffix,
        }


class PaymentListView(FilteredListView):
    template_name = "payments/admin/payments.html"
    page_title = gettext_lazy("Paiements reçus")

    def get_context_data(self, **kwargs):
        form, payments = payments_for(self.request, self.site)
        rows = list(payments[:LIMIT])
        for payment in rows:
            payment.allocated = payment.allocated.quantize(ZERO)
            payment.unallocated = payment.amount - payment.allocated
        return super().get_context_data(
            form=form,
            payments=rows,
            truncated=len(rows) == LIMIT,
            **self.export_urls("payments_export"),
            may_record=self.request.user.has_perm(RECORD),
            **kwargs,
        )


EXPORT_HEADER = [
    gettext_lazy("Quittance"),
    gettext_lazy("Reçu le"),
    gettext_lazy("Dossier"),
    gettext_lazy("Hébergeur"),
    gettext_lazy("Moyen"),
    gettext_lazy("Montant (€)"),
    gettext_lazy("Affecté (€)"),
    gettext_lazy("Non affecté (€)"),
    gettext_lazy("Référence"),
    gettext_lazy("refdet"),
    gettext_lazy("idOp"),
    gettext_lazy("Statut PayFiP"),
    gettext_lazy("Annule"),
    gettext_lazy("Anomalie"),
    gettext_lazy("Enregistré par"),
]
MONEY_COLUMNS = (5, 6, 7)


def export_rows(payments):
    rows = []
    for payment in payments:
        rows.append(
            [
                payment.number,
                payment.received_on,
                payment.host.reference,
                str(payment.host),
                str(payment.get_method_display()),
                payment.amount,
                payment.allocated.quantize(ZERO),
                (payment.amount - payment.allocated).quantize(ZERO),
                payment.reference,
                payment.basket.reference if payment.basket else "",
                payment.operation.id_op if payment.operation else "",
                str(payment.operation.get_status_display()) if payment.operation else "",
                payment.reverses.number if payment.reverses else "",
                payment.anomaly,
                str(payment.recorded_by or ""),
            ]
        )
    return rows


class PaymentExportView(PaymentsAgentView):
    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        _form, payments = payments_for(request, self.site)
        rows = export_rows(payments.select_related("recorded_by"))
        return spreadsheets.export_response(
            fmt,
            f"paiements-{self.today:%Y-%m-%d}",
            EXPORT_HEADER,
            rows,
            title=_("Paiements"),
            money_columns=MONEY_COLUMNS,
        )


# --- PayFiP operations ------------------------------------------------------------------------------------

STATUS_CHOICES = [("", gettext_lazy("Tous les statuts")), *PayfipOperation.Status.choices]


class OperationFilterForm(forms.Form):
    statut = forms.ChoiceField(label=gettext_lazy("Statut"), choices=STATUS_CHOICES, required=False)
    q = forms.CharField(label=gettext_lazy("Hébergeur, refdet ou idOp"), required=False, max_length=100)


def operations_for(request, site):
    form = OperationFilterForm(request.GET or None)
    operations = (
        tenancy.scope(PayfipOperation.objects.all(), request.user)
        .filter(basket__host__site=site)
        .select_related("basket__host")
        .order_by("-created_at", "-pk")
    )
    if form.is_valid():
        if form.cleaned_data["statut"]:
            operations = operations.filter(status=form.cleaned_data["statut"])
        text = form.cleaned_data["q"].strip()
        if text:
            operations = operations.filter(
                Q(basket__host__last_name__icontains=text)
                | Q(basket__host__company_name__icontains=text)
                | Q(basket__reference__icontains=text)
                | Q(id_op__icontains=text)
            )
    return form, operations


OPERATION_HEADER = [
    gettext_lazy("Créée le"),
    gettext_lazy("Hébergeur"),
    gettext_lazy("refdet"),
    gettext_lazy("idOp"),
    gettext_lazy("Montant demandé (€)"),
    gettext_lazy("Statut"),
    gettext_lazy("resultrans"),
    gettext_lazy("Montant reçu (€)"),
    gettext_lazy("saisie"),
    gettext_lazy("Anomalie"),
]


class OperationListView(FilteredListView):
    template_name = "payments/admin/operations.html"
    page_title = gettext_lazy("Opérations PayFiP")

    def get_context_data(self, **kwargs):
        form, operations = operations_for(self.request, self.site)
        return super().get_context_data(
            form=form,
            operations=operations[:LIMIT],
            **self.export_urls("payments_operations_export"),
            pending=operations.filter(status=PayfipOperation.Status.PENDING).exists(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """« Vérifier maintenant »: the same job as the scheduled one."""
        result = check_pending_payments.enqueue(site_id=self.site.pk)
        if result.is_finished and result.return_value is not None:
            messages.success(request, _("Opérations en cours vérifiées auprès de PayFiP."))
        else:
            messages.success(request, _("La vérification des opérations en cours est lancée."))
        return redirect("payments_operations")


class OperationExportView(PaymentsAgentView):
    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        _form, operations = operations_for(request, self.site)
        rows = [
            [
                timezone.localtime(operation.created_at).strftime("%d/%m/%Y %H:%M"),
                str(operation.basket.host),
                operation.basket.reference,
                operation.id_op,
                operation.amount,
                str(operation.get_status_display()),
                operation.resultrans,
                operation.received_amount if operation.received_amount is not None else "",
                operation.saisie,
                operation.anomaly,
            ]
            for operation in operations
        ]
        return spreadsheets.export_response(
            fmt,
            f"operations-payfip-{self.today:%Y-%m-%d}",
            OPERATION_HEADER,
            rows,
            title=_("Opérations PayFiP"),
            money_columns=(4, 7),
        )


# --- Recording a cheque or a transfer -------------------------------------------------------------------------


class HostChoiceForm(forms.Form):
    hebergeur = forms.ModelChoiceField(label=gettext_lazy("Hébergeur"), queryset=Host.objects.none())

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hebergeur"].queryset = hosts


class DeclarationChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, declaration):
        return _("%(accommodation)s – %(period)s – n° %(number)s – reste %(remaining)s €") % {
            "accommodation": declaration.accommodation.name,
            "period": declaration.period.label,
            "number": declaration.number_display,
            "remaining": services.euros(declaration.remaining),
        }


class BasketChoice(forms.ModelChoiceField):
    def label_from_instance(self, basket):
        return _("%(reference)s – %(amount)s € – %(means)s, le %(day)s") % {
            "reference": basket.reference,
            "amount": services.euros(basket.total),
            "means": basket.get_means_display(),
            "day": timezone.localtime(basket.created_at).strftime("%d/%m/%Y"),
        }


class RecordPaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("Moyen"),
        choices=[
            (Payment.Method.CHEQUE, Payment.Method.CHEQUE.label),
            (Payment.Method.TRANSFER, Payment.Method.TRANSFER.label),
        ],
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Montant reçu (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
    )
    received_on = forms.DateField(
        label=gettext_lazy("Reçu le"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(
        label=gettext_lazy("Référence"),
        max_length=100,
        help_text=gettext_lazy("Numéro du chèque, ou libellé du virement."),
    )
    basket = BasketChoice(
        label=gettext_lazy("Panier (refdet)"),
        queryset=Basket.objects.none(),
        required=False,
        help_text=gettext_lazy("La référence notée par l'hébergeur ; sinon, choisissez les périodes ci-dessous."),
    )
    declarations = DeclarationChoices(
        label=gettext_lazy("Périodes payées"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=gettext_lazy("Observation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        self.payable = [item.declaration for item in services.payable(host)]
        self.fields["basket"].queryset = Basket.objects.filter(host=host)
        from hostspace.declarations.models import Declaration

        field = self.fields["declarations"]
        field.queryset = Declaration.objects.filter(pk__in=[d.pk for d in self.payable])
        by_pk = {declaration.pk: declaration for declaration in self.payable}
        # The choices show what remains, read once with the payable periods (not one query per line).
        field.choices = [(pk, field.label_from_instance(declaration)) for pk, declaration in by_pk.items()]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("La date de réception ne peut pas être dans le futur."))
        return day

    def clean(self):
        data = super().clean()
        if not data.get("basket") and not data.get("declarations"):
            raise forms.ValidationError(_("Choisissez le panier payé, ou au moins une période."))
        return data


class RecordPaymentView(PaymentsAgentView):
    template_name = "payments/admin/record.html"
    page_title = gettext_lazy("Enregistrer un chèque ou un virement")
    permission = RECORD

    def hosts(self):
        return (
            tenancy.scope(Host.objects.all(), self.request.user)
            .filter(site=self.site)
            .order_by("last_name", "first_name")
        )

    def chosen_host(self):
        value = self.request.GET.get("hebergeur", "")
        if not value.isdigit():
            return None
        return get_object_or_404(self.hosts(), pk=int(value))

    def get(self, request, *args, **kwargs):
        host = self.chosen_host()
        if host is None:
            chooser = HostChoiceForm(request.GET or None, hosts=self.hosts())
            return self.render_to_response(self.get_context_data(chooser=chooser))
        form = RecordPaymentForm(host=host, initial={"received_on": self.today, "method": Payment.Method.CHEQUE})
        return self.render_to_response(self.get_context_data(host=host, form=form))

    def post(self, request, *args, **kwargs):
        host = self.chosen_host()
        if host is None:
            raise Http404
        form = RecordPaymentForm(request.POST, host=host)
        if form.is_valid():
            data = form.cleaned_data
            try:
                payment = services.record_payment(
                    host=host,
                    method=data["method"],
                    amount=data["amount"],
                    received_on=data["received_on"],
                    reference=data["reference"],
                    basket=data["basket"],
                    declarations_=list(data["declarations"].select_related("accommodation")),
                    note=data["note"],
                    user=request.user,
                )
            except services.PaymentError as error:
                form.add_error(None, str(error))
            else:
                log(host, "hostspace.payment.record", user=request.user, data={"number": payment.number})
                message = _("Paiement %(number)s de %(amount)s € enregistré pour %(host)s.") % {
                    "number": payment.number,
                    "amount": services.euros(payment.amount),
                    "host": host,
                }
                if payment.anomaly:
                    message = f"{message} {payment.anomaly}"
                messages.success(request, message)
                return redirect("payments_list")
        return self.render_to_response(self.get_context_data(host=host, form=form), status=400)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Motif de l'annulation"), widget=forms.Textarea(attrs={"rows": 2}))


class ReversePaymentView(PaymentsAgentView):
    template_name = "payments/admin/reverse.html"
    permission = RECORD

    def get_page_title(self):
        return _("Annuler le paiement %(number)s") % {"number": self.payment.number}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(RECORD):
            raise PermissionDenied
        self.payment = get_object_or_404(
            tenancy.scope(Payment.objects.select_related("host"), request.user).exclude(method=Payment.Method.REVERSAL),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(payment=self.payment, form=ReverseForm()))

    def post(self, request, *args, **kwargs):
        form = ReverseForm(request.POST)
        if form.is_valid():
            try:
                reversal = services.reverse_payment(self.payment, user=request.user, reason=form.cleaned_data["reason"])
            except services.PaymentError as error:
                form.add_error(None, str(error))
            else:
                log(self.payment.host, "hostspace.payment.reverse", user=request.user, data={"number": reversal.number})
                messages.success(request, _("Le paiement %(number)s est annulé.") % {"number": self.payment.number})
                return redirect("payments_list")
        return self.render_to_response(self.get_context_data(payment=self.payment, form=form), status=400)


def receipt_for_agent(request, pk):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    payment = get_object_or_404(
        tenancy.scope(Payment.objects.select_related("host__site", "basket"), request.user).exclude(
            method=Payment.Method.REVERSAL
        ),
        pk=pk,
    )
    return documents.pdf_response(documents.receipt_pdf(payment), documents.receipt_name(payment))


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path("paiements/", PaymentListView.as_view(), name="payments_list"),
        path("paiements/export/<str:fmt>/", PaymentExportView.as_view(), name="payments_export"),
        path("paiements/operations/", OperationListView.as_view(), name="payments_operations"),
        path(
            "paiements/operations/export/<str:fmt>/", OperationExportView.as_view(), name="payments_operations_export"
        ),
        path("paiements/enregistrer/", RecordPaymentView.as_view(), name="payments_record"),
        path("paiements/<int:pk>/annuler/", ReversePaymentView.as_view(), name="payments_reverse"),
        path("paiements/<int:pk>/quittance/", receipt_for_agent, name="payments_receipt"),
    ]


@hooks.register("register_admin_menu_item")
def register_payments_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                gettext_lazy("Paiements reçus"), reverse("payments_list"), icon_name="tag", order=1, permission=VIEW
            ),
            PermissionMenuItem(
                gettext_lazy("Opérations PayFiP"),
                reverse("payments_operations"),
                icon_name="link",
                order=2,
                permission=VIEW,
            ),
            PermissionMenuItem(
                gettext_lazy("Enregistrer un chèque ou un virement"),
                reverse("payments_record"),
                icon_name="plus",
                order=3,
                permission=RECORD,
            ),
        ]
    )
    return SubmenuMenuItem(gettext_lazy("Paiements"), menu, icon_name="tag", order=256)


@hooks.register("register_permissions")
def register_payment_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="payments", codename__in=["view_payment", "add_payment"])
