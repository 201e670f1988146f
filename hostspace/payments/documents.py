"""The payment documents, A4 PDFs rendered by WeasyPrint like the états: the quittance of a payment and the
avis de paiement of a basket (what to pay, the reference, the régie's bank details, for the host's accountant).

Both are drawn from immutable records (payments, allocations, basket items), so they are rendered when asked
and never stored: the same request always gives the same document. They are in French, the records' language.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML

from hostspace.payments import services
from portal.models import BrandingSettings

_STYLESHEET = None


def _stylesheet():
    global _STYLESHEET
    if _STYLESHEET is None:
        from django.contrib.staticfiles import finders

        _STYLESHEET = CSS(filename=finders.find("payments/css/documents.css"))
    return _STYLESHEET


def _render(template, context):
    with translation.override("fr"):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[_stylesheet()])


def _common(host):
    site = host.site
    return {
        "host": host,
        "site": site,
        "branding": BrandingSettings.for_site(site),
        "config": services.settings_for(site),
        "today": timezone.localdate(),
    }


def receipt_pdf(payment):
    """The quittance of ``payment``: who paid what, when, how, for which periods."""
    allocations = list(payment.allocations.select_related("declaration__accommodation").order_by("period_start", "pk"))
    allocated = sum((allocation.amount for allocation in allocations), services.ZERO)
    return _render(
        "payments/receipt.html",
        {
            **_common(payment.host),
            "payment": payment,
            "allocations": allocations,
            "unallocated": payment.amount - allocated,
            "reversal": payment.reversal if hasattr(payment, "reversal") else None,
        },
    )


def receipt_name(payment):
    return f"quittance-{payment.number}.pdf"


def payment_request_pdf(basket):
    """The avis de paiement of ``basket``: its periods and amounts, its reference, how to pay it."""
    state = services.state_of(basket)
    return _render(
        "payments/payment_request.html",
        {**_common(basket.host), "basket": basket, "state": state, "items": list(basket.items.all())},
    )


def payment_request_name(basket):
    return f"avis-de-paiement-{basket.reference}.pdf"


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
