"""The agents' declaration screens in the Wagtail admin, all within their own collectivity.

- « Tableau des périodes »: per period, accommodations per status, amounts declared and paid, the late
  ones; filterable (year, status, text) and exported to CSV or XLSX for the régie's accountant;
- a period's detail, and a host's declarations with every version and its état;
- a paper declaration entered for a host (its stays, then the declaration, marked « saisie par un agent »);
- reminders: sent by the job queue, listed with their mises en demeure.

Every object is reached through :func:`portal.tenancy.scope`: another collectivity's host, accommodation,
declaration or letter answers 404.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from hostspace.declarations import board, services, statements
from hostspace.declarations.forms import CorrectionForm, StayForm
from hostspace.declarations.models import Declaration, ReminderLog, Stay
from hostspace.declarations.periods import parse_key
from hostspace.declarations.services import Status
from hostspace.declarations.tasks import send_declaration_reminders
from hostspace.declarations.views import KIND_BY_BUTTON, declared_message, period_context
from hostspace.records import documents
from hostspace.records.models import Accommodation, Host
from portal import spreadsheets, tenancy

VIEW = "declarations.view_declaration"
ON_BEHALF = "declarations.add_declaration"
REMIND = "declarations.add_reminderlog"


class AgentView(WagtailAdminTemplateMixin, TemplateView):
    """An agent's page: the permission it needs, the collectivity, today."""

    permission = VIEW
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.site = tenancy.working_collectivity(request)
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": reverse("declarations_board"), "label": _("Déclarations")},
            {"url": "", "label": self.get_page_title()},
        ]


STATUS_CHOICES = [("", gettext_lazy("Tous les statuts"))] + [(code, Status.LABELS[code]) for code in Status.BOARD]


class BoardFilterForm(forms.Form):
    annee = forms.TypedChoiceField(label=gettext_lazy("Année"), coerce=int, required=False)
    statut = forms.ChoiceField(label=gettext_lazy("Statut"), choices=STATUS_CHOICES, required=False)
    q = forms.CharField(label=gettext_lazy("Hébergeur ou hébergement"), required=False, max_length=100)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(year, str(year)) for year in years]


def filters(request, site, today):
    years = board.years(site, today)
    form = BoardFilterForm(request.GET or None, years=years)
    values = {"year": years[0], "status": "", "search": ""}
    if form.is_valid():
        values["year"] = form.cleaned_data.get("annee") or years[0]
        values["status"] = form.cleaned_data.get("statut") or ""
        values["search"] = form.cleaned_data.get("q") or ""
    return form, values


class BoardView(AgentView):
    template_name = "declarations/admin/board.html"
    page_title = gettext_lazy("Tableau des périodes")

    def get_context_data(self, **kwargs):
        form, values = filters(self.request, self.site, self.today)
        summaries = board.build(self.site, self.today, **values)
        if values["status"]:
            summaries = [summary for summary in summaries if summary.count(values["status"])]
        query = self.request.GET.urlencode()
        return super().get_context_data(
            form=form,
            summaries=summaries,
            status=values["status"],
            statuses=[(code, Status.label(code)) for code in Status.BOARD],
            query=query,
            csv_url=reverse("declarations_export", args=["csv"]) + (f"?{query}" if query else ""),
            xlsx_url=reverse("declarations_export", args=["xlsx"]) + (f"?{query}" if query else ""),
            may_remind=self.request.user.has_perm(REMIND),
            **kwargs,
        )


class PeriodBoardView(AgentView):
    """Every accommodation of the collectivity in one period, with its status and declaration."""

    template_name = "declarations/admin/period.html"

    def get_page_title(self):
        return _("Période %(period)s") % {"period": self.period.label}

    def dispatch(self, request, *args, **kwargs):
        self.period_start = parse_key(kwargs["period_key"])
        if self.period_start is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        status = request.GET.get("statut", "")
        status = status if status in Status.BOARD else ""
        search = request.GET.get("q", "")
        summaries = board.build(self.site, self.today, period_start=self.period_start, status=status, search=search)
        if not summaries:
            raise Http404
        self.summary = summaries[0]
        self.period = self.summary.period
        query = request.GET.urlencode()
        extra = f"periode={self.period.key}" + (f"&{query}" if query else "")
        context = self.get_context_data(
            summary=self.summary,
            period=self.period,
            status=status,
            search=search,
            statuses=[(code, Status.label(code)) for code in Status.BOARD],
            csv_url=reverse("declarations_export", args=["csv"]) + f"?{extra}",
            xlsx_url=reverse("declarations_export", args=["xlsx"]) + f"?{extra}",
            may_declare=request.user.has_perm(ON_BEHALF),
        )
        return self.render_to_response(context)


class ExportView(AgentView):
    """The board's rows (a year, or one period), one per accommodation and period, as CSV or XLSX."""

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        period_start = parse_key(request.GET.get("periode", ""))
        if period_start is not None:
            status = request.GET.get("statut", "")
            summaries = board.build(
                self.site,
                self.today,
                period_start=period_start,
                status=status if status in Status.BOARD else "",
                search=request.GET.get("q", ""),
            )
            name = f"declarations-{period_start:%Y-%m}"
        else:
            _form, values = filters(request, self.site, self.today)
            summaries = board.build(self.site, self.today, **values)
            name = f"declarations-{values['year']}"
        # The accountant reads periods in order.
        rows = board.export_rows(list(reversed(summaries)))
        return spreadsheets.export_response(
            fmt, name, board.EXPORT_HEADER, rows, title=_("Déclarations"), money_columns=board.MONEY_COLUMNS
        )


def scoped_host(request, pk):
    return get_object_or_404(tenancy.scope(Host.objects.all(), request.user), pk=pk)


def scoped_accommodation(request, pk):
    return get_object_or_404(
        tenancy.scope(Accommodation.objects.select_related("host__site"), request.user).prefetch_related(
            "classifications"
        ),
        pk=pk,
    )


class HostDeclarationsView(AgentView):
    """A host's accommodations, every period with its status, every version with its état."""

    template_name = "declarations/admin/host.html"

    def get_page_title(self):
        return _("Déclarations de %(host)s") % {"host": self.host}

    def get(self, request, *args, **kwargs):
        self.host = scoped_host(request, kwargs["host_id"])
        accommodations = list(self.host.accommodations.prefetch_related("classifications"))
        rules = services.rules_for(self.host.site)
        rows = services.period_rows(accommodations, rules, self.today)
        versions = {}
        for declaration in (
            Declaration.objects.filter(accommodation__in=accommodations)
            .select_related("declared_by")
            .order_by("-version")
        ):
            versions.setdefault((declaration.accommodation_id, declaration.period_start), []).append(declaration)
        sections = [
            (
                accommodation,
                [
                    (row, versions.get((accommodation.pk, row.period.start), []))
                    for row in rows
                    if row.accommodation.pk == accommodation.pk
                ],
            )
            for accommodation in accommodations
        ]
        return self.render_to_response(
            self.get_context_data(
                host=self.host,
                sections=sections,
                may_declare=request.user.has_perm(ON_BEHALF),
                may_record_payment=request.user.has_perm("payments.add_payment"),
            )
        )


class AgentPeriodView(AgentView):
    """A paper declaration entered for the host: the period's stays, add one, then declare on their behalf."""

    template_name = "declarations/admin/accommodation_period.html"
    permission = ON_BEHALF

    def get_page_title(self):
        return f"{self.accommodation.name} – {self.period.label}"

    def load(self, kwargs):
        self.accommodation = scoped_accommodation(self.request, kwargs["accommodation_id"])
        self.rules = services.rules_for(self.accommodation.host.site)
        self.period = self.rules.period_starting(parse_key(kwargs["period_key"]))
        if self.period is None:
            raise Http404

    def url(self):
        return reverse("declarations_accommodation_period", args=[self.accommodation.pk, self.period.key])

    def context(self, form=None):
        return self.get_context_data(
            **period_context(self.accommodation, self.period, self.rules, self.today),
            form=form or StayForm(accommodation=self.accommodation, rules=self.rules, initial=self.initial()),
            host=self.accommodation.host,
        )

    def initial(self):
        return {"arrival": self.period.start, "departure": self.period.start + datetime.timedelta(days=1)}

    def get(self, request, *args, **kwargs):
        self.load(kwargs)
        return self.render_to_response(self.context())

    def post(self, request, *args, **kwargs):
        self.load(kwargs)
        action = request.POST.get("action")
        if action == "stay":
            return self.add_stay(request)
        if action == "delete_stay":
            return self.delete_stay(request)
        if action == "correction":
            return self.correct(request)
        if action == "declare":
            return self.declare(request)
        raise Http404

    def add_stay(self, request):
        form = StayForm(request.POST, accommodation=self.accommodation, rules=self.rules)
        if not form.is_valid():
            return self.render_to_response(self.context(form))
        with transaction.atomic():
            stay = form.save(commit=False)
            stay.source = Stay.Source.AGENT
            stay.created_by = request.user
            stay.save()
        messages.success(request, _("Le séjour est ajouté au registre de l'hébergeur."))
        return redirect(self.url())

    def delete_stay(self, request):
        stay = get_object_or_404(self.accommodation.stays, pk=request.POST.get("stay"))
        if services.is_locked(stay, services.frozen_ranges(self.accommodation)):
            messages.error(request, _("Ce séjour appartient à une période déclarée : ouvrez une correction d'abord."))
        else:
            stay.delete()
            messages.success(request, _("Le séjour est supprimé du registre."))
        return redirect(self.url())

    def correct(self, request):
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Indiquez le motif de la correction : il figurera sur le nouvel état."))
            return redirect(self.url())
        try:
            services.open_correction(
                self.accommodation, self.period.start, user=request.user, reason=form.cleaned_data["reason"]
            )
        except services.DeclarationError as error:
            messages.error(request, str(error))
        return redirect(self.url())

    def declare(self, request):
        button = request.POST.get("kind", "stays")
        if button not in KIND_BY_BUTTON:
            raise Http404
        try:
            declaration = services.declare(
                self.accommodation,
                self.period.start,
                user=request.user,
                kind=KIND_BY_BUTTON[button],
                on_behalf=True,
                today=self.today,
                rules=self.rules,
            )
        except services.DeclarationError as error:
            messages.error(request, str(error))
            return redirect(self.url())
        log(
            self.accommodation,
            "hostspace.declaration.on_behalf",
            user=request.user,
            data={"number": declaration.number_display},
        )
        messages.success(request, declared_message(declaration))
        return redirect(self.url())


def statement_for_agent(request, pk):
    """An état of the agent's collectivity; any other answers 404."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    declaration = get_object_or_404(tenancy.scope(Declaration.objects.all(), request.user), pk=pk)
    return documents.serve(declaration.statement, statements.download_name(declaration))


class RemindersView(AgentView):
    """The reminders sent (latest first), their letters, and « Envoyer les relances du jour »."""

    template_name = "declarations/admin/reminders.html"
    page_title = gettext_lazy("Relances")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        logs = (
            tenancy.scope(ReminderLog.objects.all(), self.request.user)
            .filter(accommodation__host__site=self.site)
            .select_related("accommodation__host")[:200]
        )
        return super().get_context_data(
            logs=logs,
            may_remind=self.request.user.has_perm(REMIND),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(REMIND):
            raise PermissionDenied
        result = send_declaration_reminders.enqueue(self.site.pk, self.today.isoformat())
        if result.is_finished and result.return_value is not None:
            count = sum(result.return_value.values())
            messages.success(request, _("%(count)s relance(s) envoyée(s).") % {"count": count})
        else:
            messages.success(request, _("Les relances du jour sont en cours d'envoi."))
        return redirect("declarations_reminders")


def notice_letter(request, pk):
    if not request.user.has_perm("declarations.view_reminderlog"):
        raise PermissionDenied
    log_entry = get_object_or_404(tenancy.scope(ReminderLog.objects.exclude(letter=""), request.user), pk=pk)
    name = f"mise-en-demeure-{log_entry.accommodation_id}-{log_entry.period_start:%Y-%m}.pdf"
    return documents.serve(log_entry.letter, name)


@hooks.register("register_admin_urls")
def register_declaration_urls():
    return [
        path("declarations/", BoardView.as_view(), name="declarations_board"),
        path("declarations/export/<str:fmt>/", ExportView.as_view(), name="declarations_export"),
        path("declarations/periode/<str:period_key>/", PeriodBoardView.as_view(), name="declarations_period"),
        path("declarations/hebergeur/<int:host_id>/", HostDeclarationsView.as_view(), name="declarations_host"),
        path(
            "declarations/hebergement/<int:accommodation_id>/<str:period_key>/",
            AgentPeriodView.as_view(),
            name="declarations_accommodation_period",
        ),
        path("declarations/etats/<int:pk>/", statement_for_agent, name="declarations_statement"),
        path("declarations/relances/", RemindersView.as_view(), name="declarations_reminders"),
        path("declarations/relances/<int:pk>/lettre/", notice_letter, name="declarations_notice_letter"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_declarations_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                gettext_lazy("Tableau des périodes"),
                reverse("declarations_board"),
                icon_name="date",
                order=1,
                permission=VIEW,
            ),
            PermissionMenuItem(
                gettext_lazy("Relances"),
                reverse("declarations_reminders"),
                icon_name="mail",
                order=2,
                permission="declarations.view_reminderlog",
            ),
        ]
    )
    return SubmenuMenuItem(gettext_lazy("Déclarations"), menu, icon_name="date", order=255)


@hooks.register("register_permissions")
def register_declaration_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="declarations",
        codename__in=[
            "view_declaration",
            "add_declaration",
            "view_stay",
            "add_stay",
            "delete_stay",
            "view_reminderlog",
            "add_reminderlog",
        ],
    )


class DeclarationsPanel(Component):
    """On the agents' Wagtail dashboard: the last ended period, how many accommodations are late or to declare."""

    name = "declaration_tasks"
    template_name = "declarations/admin/dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        site = tenancy.collectivity_of(request.user)
        today = timezone.localdate()
        current = services.rules_for(site).period_of(today) if site else None
        last = services.rules_for(site).period_of(current.start - datetime.timedelta(days=1)) if current else None
        summary = board.build(site, today, period_start=last.start)[0] if last else None
        context.update(summary=summary, board_url=reverse("declarations_board"))
        return context


@hooks.register("construct_homepage_panels")
def declarations_on_the_dashboard(request, panels):
    if request.user.has_perm(VIEW) and tenancy.collectivity_of(request.user) is not None:
        panels.append(DeclarationsPanel())
