"""Paying the tax in Chromium, on the demo data: the host declares the last month, pays it by card on the
PayFiP simulator, sees « Payé » and downloads the receipt; a refused card, then a debit; an agent records a
cheque for another period. axe-core on every page, the simulator's included."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from hostspace.declarations import services
from hostspace.payments.models import PayfipOperation, Payment
from hostspace.records.models import Accommodation, Host
from portal.demo import backoffice, declarations, hostspace, payments, tax
from portal.demo.collectivities import seed_collectivities
from tests.browser.steps import (
    assert_accessible,
    audit_in_both_languages,
    csp_reports,
    field,
    log_in,
    log_in_to_the_admin,
)
from tests.factories import DEFAULT_PASSWORD, ensure_tree_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(locales, settings, tmp_path, live_server):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PAYFIP_ENDPOINT = f"{live_server.url}/simulateur-payfip/services/securite"
    # A transactional test starts from a flushed database: the rows Wagtail's migrations wrote come back.
    ensure_tree_roots()
    import_module(
        "wagtail_localize.migrations.0006_create_submit_translation_permission"
    ).create_submit_translation_permission(apps, None)
    collectivities = {item.key: item for item in seed_collectivities()}
    for step in (hostspace, backoffice, tax, declarations, payments):
        for item in collectivities.values():
            step.seed(item)
    for email in ("hote@example.com", "agent@example.com"):
        user = get_user_model().objects.get(email=email)
        user.set_password(DEFAULT_PASSWORD)
        user.save()
    site = collectivities["ecrins"].site
    host = Host.objects.get(site=site, user__email="hote@example.com")
    rules = services.rules_for(site)
    today = timezone.localdate()
    ended = [period for period in rules.periods(today.replace(day=1).replace(year=today.year - 1), today)
             if period.has_ended(today)]  # fmt: skip
    return {"host": host, "last": ended[-1], "before_last": ended[-2]}


def log_in_host(page):
    log_in(page)
    page.wait_for_load_state("networkidle")
    if page.get_by_role("dialog").is_visible():
        page.keyboard.press("Escape")


def pay_online(page, axe, choice):
    """From a basket's page: « Payer … en ligne », the simulator's page, a choice; back on the portal."""
    page.get_by_role("button", name=re.compile(r"^Payer .* en ligne$")).click()
    page.get_by_role("heading", name="Simulateur PayFiP — aucun paiement réel").wait_for()
    assert_accessible(page, axe)
    page.get_by_role("button", name=choice).click()
    page.wait_for_url(re.compile(r"/paiements/TS\w+/$"))


def test_a_host_declares_pays_by_card_sees_paye_and_downloads_the_receipt(demo, page_factory, axe):
    meuble = demo["host"].accommodations.get(kind=Accommodation.Kind.FURNISHED)
    last = demo["last"]
    page = page_factory()
    blocked = csp_reports(page)
    log_in_host(page)

    page.goto(reverse("hostspace:declaration_period", args=[meuble.pk, last.key]))
    page.get_by_role("button", name="Valider la déclaration", exact=True).click()
    page.get_by_text(re.compile(r"La déclaration n° .* est enregistrée")).wait_for()
    declaration = meuble.declarations.get(period_start=last.start)
    assert declaration.amount_due > 0

    page.goto(reverse("hostspace:declarations") + f"?annee={last.start.year}")
    assert_accessible(page, axe)
    page.get_by_role("link", name=f"Payer {last.label}, {meuble.name}").click()
    page.wait_for_url(re.compile(r"/paiements/\?periode="))
    assert page.get_by_label(re.compile(f"Payer {last.label}")).is_checked()
    assert_accessible(page, axe)
    page.get_by_label("Carte bancaire ou prélèvement (PayFiP)").check()
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.wait_for_url(re.compile(r"/paiements/TS\w+/$"))
    assert_accessible(page, axe)

    pay_online(page, axe, "Payer par carte bancaire")

    page.get_by_text("Paiement confirmé par PayFiP").wait_for()
    assert_accessible(page, axe)
    declaration.refresh_from_db()
    assert declaration.is_paid
    page.goto(reverse("hostspace:declarations") + f"?annee={last.start.year}")
    section = page.locator("section", has=page.get_by_role("heading", name=re.compile(meuble.name)))
    row = section.locator("tr", has=page.get_by_role("rowheader", name=last.label, exact=True))
    assert row.locator(".status--paid").inner_text() == "Payé"

    page.goto(reverse("hostspace:documents"))
    assert_accessible(page, axe)
    payment = Payment.objects.get(operation__basket__items__declaration=declaration)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Quittance {payment.number} (PDF)").click()
    assert download.value.suggested_filename == f"quittance-{payment.number}.pdf"
    assert blocked == []


def test_a_refused_card_then_a_debit_pays_the_period_before_the_last(demo, page_factory, axe):
    before_last = demo["before_last"]
    page = page_factory()
    log_in_host(page)
    page.goto(reverse("hostspace:payments"))
    checkboxes = page.get_by_label(re.compile(f"Payer {before_last.label},")).all()
    assert checkboxes
    for checkbox in checkboxes:
        checkbox.check()
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.wait_for_url(re.compile(r"/paiements/TS\w+/$"))

    pay_online(page, axe, "Carte refusée")
    page.get_by_text("Paiement refusé").wait_for()
    assert_accessible(page, axe)
    assert not Payment.objects.filter(method__in=["card", "debit"], operation__status="paid",
                                      basket__items__declaration__period_start=before_last.start).exists()  # fmt: skip

    pay_online(page, axe, "Payer par prélèvement")
    page.get_by_text("Paiement confirmé par PayFiP").wait_for()
    assert list(PayfipOperation.objects.order_by("pk").values_list("status", flat=True))[-2:] == ["refused", "paid"]
    debit = Payment.objects.get(method="debit")
    assert {a.period_start for a in debit.allocations.all()} == {before_last.start}


def test_an_agent_records_a_cheque_for_another_period(demo, page_factory, axe):
    before_last = demo["before_last"]
    host = demo["host"]
    agent = get_user_model().objects.get(email="agent@example.com")
    page = page_factory()
    blocked = csp_reports(page)
    log_in_to_the_admin(page, axe, "agent@example.com")

    page.get_by_role("button", name="Paiements").first.click()
    page.get_by_role("link", name="Enregistrer un chèque ou un virement", exact=True).click()
    field(page, "Hébergeur").select_option(label=str(host))
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("radio", name="Chèque").check()
    due = sum(d.remaining for d in services.latest_declarations(list(host.accommodations.all())).values()
              if d.period_start == before_last.start)  # fmt: skip
    field(page, "Montant reçu (€)").fill(f"{due:.2f}".replace(".", ","))
    field(page, "Référence").fill("Chèque n° 7654321")
    for checkbox in page.get_by_label(re.compile(f" – {before_last.label} – ")).all():
        checkbox.check()
    page.get_by_role("button", name="Enregistrer le paiement").click()
    page.get_by_text(re.compile(r"Paiement Q-\d{4}-\d{6} de .* enregistré")).wait_for()
    cheque = Payment.objects.get(reference="Chèque n° 7654321")
    assert cheque.anomaly == "" and cheque.recorded_by == agent
    assert {a.period_start for a in cheque.allocations.all()} == {before_last.start}

    problems = audit_in_both_languages(
        page,
        axe,
        agent,
        [
            "/admin/paiements/",
            "/admin/paiements/operations/",
            "/admin/paiements/enregistrer/",
            f"/admin/paiements/enregistrer/?hebergeur={host.pk}",
            f"/admin/paiements/{cheque.pk}/annuler/",
            f"/admin/declarations/periode/{before_last.key}/",
        ],
    )
    assert problems == [], "\n".join(problems)
    assert blocked == []


def test_the_payment_pages_reflow_at_320_pixels(demo, page_factory, axe):
    page = page_factory(viewport={"width": 320, "height": 640})
    log_in_host(page)
    page.goto(reverse("hostspace:payments"))
    pages = [reverse("hostspace:payments")]
    page.get_by_label(re.compile(f"Payer {demo['before_last'].label},")).first.check()
    page.get_by_label("Virement bancaire").check()
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.wait_for_url(re.compile(r"/paiements/TS\w+/$"))
    pages.append(page.url)
    problems = []
    for url in pages:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wider > 0:
            problems.append(f"{url}: {wider} px wider than 320")
        problems.extend(f"{url}: {violation}" for violation in axe(page))
    assert problems == []
    assert page.get_by_text("FR76 3000 1007 9412 3456 7890 185").is_visible()
