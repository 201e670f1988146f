"""The état récapitulatif of a declaration: an A4 PDF rendered by WeasyPrint, like the activation letters.

It carries what the law asks of a collection record (LF 2024 art. 129, and the
former R2333-51 register): the collectivity's SIREN and name; the host; the
accommodation's address, nature, category and registration number; the period;
per stay its dates, persons, exempt persons by reason, nights, price of the
night for an unclassified lodging, channel and tax; the totals; and, for a
rectifying version, what it changes. It is written in French, the language of
the record, whatever the language of the person declaring.
"""

from django.template.loader import render_to_string
from django.utils import translation

from hostspace.declarations.periods import ONE_DAY
from hostspace.tax import engine
from hostspace.tax import services as tax_services
from portal import printing
from portal.models import BrandingSettings
from portal.tenancy import base_url


def statement_context(declaration, lines, changes=None):
    """What the état shows; ``declaration`` may be not yet saved (the PDF is stored with it)."""
    accommodation = declaration.accommodation
    site = accommodation.host.site
    category = tax_services.category_of(accommodation, declaration.period_start)
    return {
        "declaration": declaration,
        "lines": lines,
        "changes": changes,
        "accommodation": accommodation,
        "host": accommodation.host,
        "site": site,
        "site_url": base_url(site),
        "branding": BrandingSettings.for_site(site),
        "category_label": engine.CATEGORY_LABELS[category],
        "period": declaration.period,
        "after_period": declaration.period_end + ONE_DAY,
        "platform_lines": [line for line in lines if line.is_platform],
    }


def render_html(declaration, lines, changes=None):
    with translation.override("fr"):
        return render_to_string("declarations/statement.html", statement_context(declaration, lines, changes))


def render_pdf(declaration, lines, changes=None):
    """The état as PDF bytes."""
    html = render_html(declaration, lines, changes)
    return printing.document(html, "declarations/css/statement.css").write_pdf()


def download_name(declaration):
    return f"etat-recapitulatif-{declaration.number}-v{declaration.version}.pdf"
