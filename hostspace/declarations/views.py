"""« Mes déclarations »: the host's periods, stay register, declarations, corrections, états, import, API tokens.

Every query starts from ``request.host`` (:class:`HostRequiredMixin`): another
host's accommodation, stay or declaration answers 404. The rules live in
:mod:`hostspace.declarations.services` and :class:`~hostspace.declarations.forms.StayForm`;
these views only read the request and show the result.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from wagtail.log_actions import log

from hostspace.accounts.access import HostRequiredMixin
from hostspace.declarations import imports, services, statements, tokens
from hostspace.declarations.forms import DECLARE_CHOICES, ApiTokenForm, CorrectionForm, StayForm
from hostspace.declarations.models import ApiToken, Declaration, Stay
from hostspace.declarations.periods import ONE_DAY, parse_key
from hostspace.previewed_import import PreviewedImportMixin, read_upload
from hostspace.records import documents

IMPORT_SESSION_KEY = "hostspace.declarations.import"


def period_url(accommodation, period):
    return reverse("hostspace:declaration_period", args=[accommodation.pk, period.key])


class DeclarationsMixin(HostRequiredMixin):
    """The host's accommodations and the collectivity's deliberations, read once per request."""

    def dispatch(self, request, *args, **kwargs):
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    @property
    def rules(self):
        if not hasattr(self, "_rules"):
            # Pages that only read take the deliberations from the cache; a form sent reads the database.
            read_only = self.request.method in ("GET", "HEAD")
            rules_for = services.cached_rules_for if read_only else services.rules_for
            self._rules = rules_for(self.request.host.site)
        return self._rules

    def accommodations(self, with_classifications=True):
        """The host's accommodations; their classifications only where a tax is computed (the category)."""
        accommodations = self.request.host.accommodations.all()
        if with_classifications:
            accommodations = accommodations.prefetch_related("classifications")
        return list(accommodations)

    def get_accommodation(self):
        return get_object_or_404(
            self.request.host.accommodations.prefetch_related("classifications"), pk=self.kwargs["accommodation_id"]
        )

    def get_period(self):
        period = self.rules.period_starting(parse_key(self.kwargs["period_key"]))
        if period is None:
            raise Http404
        return period


class DeclarationHomeView(DeclarationsMixin, TemplateView):
    """Every accommodation's periods of one year with their statuses; the counts over all years."""

    template_name = "declarations/home.html"

    def get_context_data(self, **kwargs):
        accommodations = self.accommodations(with_classifications=False)
        all_rows = services.period_rows(accommodations, self.rules, self.today)
        years = sorted({row.period.start.year for row in all_rows}, reverse=True)
        wanted = self.request.GET.get("annee", "")
        year = int(wanted) if wanted.isdigit() and int(wanted) in years else (years[0] if years else self.today.year)
        by_accommodation = {accommodation.pk: [] for accommodation in accommodations}
        for row in all_rows:
            if row.period.start.year == year:
                by_accommodation[row.accommodation.pk].append(row)
        counts = services.summary(all_rows)
        pending = [row for row in all_rows if row.status in (services.Status.TO_DECLARE, services.Status.LATE)]
        # The screen that declares every accommodation at once opens on the oldest period still owed.
        oldest_pending = min((row.period for row in pending), default=None)
        return super().get_context_data(
            sections=[(accommodation, by_accommodation[accommodation.pk]) for accommodation in accommodations],
            years=years,
            year=year,
            to_declare=counts[services.Status.TO_DECLARE],
            late=counts[services.Status.LATE],
            several=len(accommodations) > 1,
            oldest_pending=oldest_pending,
            **kwargs,
        )


class PeriodView(DeclarationsMixin, TemplateView):
    """One accommodation's period: its stays (the register), the tax, the declaration buttons, the versions."""

    template_name = "declarations/period.html"

    def get_context_data(self, **kwargs):
        accommodation = self.get_accommodation()
        period = self.get_period()
        return super().get_context_data(**period_context(accommodation, period, self.rules, self.today), **kwargs)


def period_context(accommodation, period, rules, today):
    """What the host's and the agent's period pages both show."""
    versions = list(services.declarations_of(accommodation, period.start))
    latest = versions[0] if versions else None
    correction = services.open_corrections([accommodation]).get((accommodation.pk, period.start))
    stays = list(services.stays_in(accommodation, period))
    found = services.preview(accommodation, period, rules, stays)
    locked = latest is not None and correction is None
    parts_by_stay = {part.stay.pk: part for part in found.parts}
    errors_by_stay = {stay.pk: message for stay, message in found.errors}
    previous_period = rules.period_of(period.start - ONE_DAY)
    next_period = rules.period_of(period.end + ONE_DAY)
    status = services.status_of(period, latest, today)
    return {
        "accommodation": accommodation,
        "period": period,
        "versions": versions,
        "latest": latest,
        "difference": services.difference_of(latest) if latest and latest.version > 1 else None,
        "correction": correction,
        "stays": [(stay, parts_by_stay.get(stay.pk), errors_by_stay.get(stay.pk)) for stay in stays],
        "preview": found,
        "locked": locked,
        "owes": services.owes(accommodation, period, rules),
        "has_ended": period.has_ended(today),
        "declarable": period.has_ended(today)
        and services.owes(accommodation, period, rules)
        and (latest is None or correction is not None),
        "status": status,
        "status_label": services.Status.label(status),
        "previous_period": previous_period,
        "next_period": next_period,
        "correction_form": CorrectionForm(),
    }


class StayFormMixin(DeclarationsMixin):
    template_name = "declarations/stay_form.html"
    form_class = StayForm

    def return_url(self, stay=None):
        period = self.rules.period_of(stay.arrival) if stay is not None else None
        if period is None:
            period = self.rules.period_starting(parse_key(self.request.GET.get("periode", "")))
        if period is None:
            return reverse("hostspace:declarations")
        return period_url(self.accommodation, period)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "accommodation": self.accommodation, "rules": self.rules}

    def get_context_data(self, **kwargs):
        return super().get_context_data(accommodation=self.accommodation, cancel_url=self.return_url(), **kwargs)


class StayCreateView(StayFormMixin, FormView):
    def get(self, request, *args, **kwargs):
        self.accommodation = self.get_accommodation()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.accommodation = self.get_accommodation()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        period = self.rules.period_starting(parse_key(self.request.GET.get("periode", "")))
        return {"arrival": period.start, "departure": period.start + ONE_DAY} if period else {}

    @transaction.atomic
    def form_valid(self, form):
        stay = form.save(commit=False)
        stay.source = Stay.Source.FORM
        stay.created_by = self.request.user
        stay.save()
        messages.success(self.request, _("Le séjour du %(arrival)s au %(departure)s est enregistré.") % dates(stay))
        if "add_another" in self.request.POST:
            add_url = reverse("hostspace:stay_add", args=[self.accommodation.pk])
            return redirect(f"{add_url}?periode={period_key(self.rules, stay)}")
        return redirect(self.return_url(stay))


def dates(stay):
    return {"arrival": stay.arrival.strftime("%d/%m/%Y"), "departure": stay.departure.strftime("%d/%m/%Y")}


def period_key(rules, stay):
    period = rules.period_of(stay.arrival)
    return period.key if period else ""


class StayEditView(StayFormMixin, FormView):
    def load(self):
        self.stay = get_object_or_404(
            Stay.objects.filter(accommodation__host=self.request.host).select_related("accommodation"),
            pk=self.kwargs["pk"],
        )
        self.accommodation = self.stay.accommodation

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.stay}

    def return_url(self, stay=None):
        return super().return_url(stay or getattr(self, "stay", None))

    def get_context_data(self, **kwargs):
        return super().get_context_data(stay=self.stay, **kwargs)

    def form_valid(self, form):
        stay = form.save()
        messages.success(self.request, _("Le séjour du %(arrival)s au %(departure)s est modifié.") % dates(stay))
        return redirect(self.return_url(stay))


class StayDeleteView(DeclarationsMixin, TemplateView):
    """A confirmation page, then POST: a stay leaves the register unless its period is declared."""

    template_name = "declarations/stay_delete.html"

    def load(self):
        self.stay = get_object_or_404(
            Stay.objects.filter(accommodation__host=self.request.host).select_related("accommodation"),
            pk=self.kwargs["pk"],
        )
        self.accommodation = self.stay.accommodation

    def locked(self):
        return services.is_locked(self.stay, services.frozen_ranges(self.stay.accommodation))

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stay=self.stay, locked=self.locked(), cancel_url=StayFormMixin.return_url(self, self.stay), **kwargs
        )

    def post(self, request, *args, **kwargs):
        self.load()
        back = StayFormMixin.return_url(self, self.stay)
        if self.locked():
            messages.error(request, _("Ce séjour appartient à une période déclarée : ouvrez une correction d'abord."))
            return redirect(back)
        values = dates(self.stay)
        self.stay.delete()
        messages.success(request, _("Le séjour du %(arrival)s au %(departure)s est supprimé.") % values)
        return redirect(back)


KIND_BY_BUTTON = {
    "stays": None,
    "none": Declaration.Kind.NO_NIGHTS,
    "closed": Declaration.Kind.CLOSED,
    "platforms": Declaration.Kind.PLATFORMS_ONLY,
}


class DeclareView(DeclarationsMixin, View):
    """POST « Valider la déclaration », « Aucune nuitée », « Fermé » or « Uniquement des plateformes »."""

    on_behalf = False

    def post(self, request, *args, **kwargs):
        accommodation = self.get_accommodation()
        period = self.get_period()
        button = request.POST.get("kind", "stays")
        if button not in KIND_BY_BUTTON:
            raise Http404
        try:
            declaration = services.declare(
                accommodation, period.start, user=request.user, kind=KIND_BY_BUTTON[button], today=self.today
            )
        except services.DeclarationError as error:
            messages.error(request, str(error))
            return redirect(period_url(accommodation, period))
        log(accommodation, "hostspace.declaration", user=request.user, data={"number": declaration.number_display})
        messages.success(request, declared_message(declaration))
        return redirect(period_url(accommodation, period))


def declared_message(declaration):
    return _(
        "La déclaration n° %(number)s de %(period)s est enregistrée : %(amount)s € à reverser. "
        "Son état récapitulatif est disponible ci-dessous."
    ) % {
        "number": declaration.number_display,
        "period": declaration.period.label,
        "amount": f"{declaration.amount_due:.2f}".replace(".", ","),
    }


class CorrectionView(DeclarationsMixin, View):
    """POST: open a declared period for correction (with its reason), or give the correction up."""

    def post(self, request, *args, **kwargs):
        accommodation = self.get_accommodation()
        period = self.get_period()
        if "cancel" in request.POST:
            correction = services.open_corrections([accommodation]).get((accommodation.pk, period.start))
            if correction is not None:
                services.cancel_correction(correction)
                messages.info(request, _("La correction est abandonnée : la déclaration reste inchangée."))
            return redirect(period_url(accommodation, period))
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Indiquez le motif de la correction : il figurera sur le nouvel état."))
            return redirect(period_url(accommodation, period) + "#correction")
        try:
            services.open_correction(accommodation, period.start, user=request.user, reason=form.cleaned_data["reason"])
        except services.DeclarationError as error:
            messages.error(request, str(error))
        else:
            messages.info(
                request,
                _(
                    "Correction ouverte : modifiez les séjours de la période, puis validez la déclaration "
                    "rectificative. La déclaration actuelle reste valable jusque-là."
                ),
            )
        return redirect(period_url(accommodation, period))


class StatementView(HostRequiredMixin, View):
    """The état récapitulatif of one of the host's own declarations; another's answers 404."""

    def get(self, request, pk):
        declaration = get_object_or_404(Declaration.objects.filter(accommodation__host=request.host), pk=pk)
        return documents.serve(declaration.statement, statements.download_name(declaration))


class DeclareAllView(DeclarationsMixin, TemplateView):
    """One screen for a host with several accommodations: every accommodation's period, declared at once."""

    template_name = "declarations/declare_all.html"

    def get_period(self):
        period = self.rules.period_starting(parse_key(self.kwargs["period_key"]))
        if period is None or not period.has_ended(self.today):
            raise Http404
        return period

    def entries(self, period):
        accommodations = self.accommodations()
        latest = services.latest_declarations(accommodations)
        corrections = services.open_corrections(accommodations)
        stays_by_accommodation = {accommodation.pk: [] for accommodation in accommodations}
        for stay in Stay.objects.filter(
            accommodation__in=accommodations, arrival__lte=period.end, departure__gt=period.start
        ).order_by("arrival", "pk"):
            stays_by_accommodation[stay.accommodation_id].append(stay)
        entries = []
        for accommodation in accommodations:
            if not services.owes(accommodation, period, self.rules):
                continue
            key = (accommodation.pk, period.start)
            declaration = latest.get(key)
            found = services.preview(accommodation, period, self.rules, stays_by_accommodation[accommodation.pk])
            open_to_declare = declaration is None or key in corrections
            entries.append(
                {
                    "accommodation": accommodation,
                    "declaration": declaration,
                    "preview": found,
                    "open": open_to_declare,
                    "status_label": services.Status.label(services.status_of(period, declaration, self.today)),
                    "choices": self.choices_for(found) if open_to_declare else [],
                    "field": f"choix-{accommodation.pk}",
                }
            )
        return entries

    @staticmethod
    def choices_for(found):
        """Only the choices the register allows, the likely one first."""
        if found.has_direct_stays:
            allowed = ["stays"]
        elif found.parts:
            allowed = ["platforms", "stays"]
        else:
            allowed = ["none", "closed", "platforms"]
        labels = dict(DECLARE_CHOICES)
        return [(value, labels[value]) for value in [*allowed, "skip"]]

    def get_context_data(self, **kwargs):
        period = self.get_period()
        entries = kwargs.pop("entries", None) or self.entries(period)
        return super().get_context_data(period=period, entries=entries, **kwargs)

    def post(self, request, *args, **kwargs):
        period = self.get_period()
        entries = self.entries(period)
        choices = []
        for entry in entries:
            if not entry["open"]:
                continue
            value = request.POST.get(entry["field"], "skip")
            entry["chosen"] = value
            if value not in dict(entry["choices"]):
                value = "skip"
            if value != "skip":
                choices.append(services.Choice(entry["accommodation"], KIND_BY_BUTTON[value]))
        if not choices:
            messages.error(request, _("Choisissez au moins un hébergement à déclarer."))
            return self.render_to_response(self.get_context_data(entries=entries))
        try:
            declarations = services.declare_many(choices, period.start, user=request.user, today=self.today)
        except services.DeclarationError as error:
            for entry in entries:
                entry["error"] = error.errors.get(entry["accommodation"].pk)
            return self.render_to_response(self.get_context_data(entries=entries, error=str(error)))
        for declaration in declarations:
            log(
                declaration.accommodation,
                "hostspace.declaration",
                user=request.user,
                data={"number": declaration.number_display},
            )
        total = sum((declaration.amount_due for declaration in declarations), services.ZERO)
        messages.success(
            request,
            _("%(count)s déclaration(s) enregistrée(s) pour %(period)s : %(amount)s € à reverser au total.")
            % {"count": len(declarations), "period": period.label, "amount": f"{total:.2f}".replace(".", ",")},
        )
        return redirect(reverse("hostspace:declarations") + f"?annee={period.start.year}")


# CSV import of stays -------------------------------------------------------------------------------------------


class StayImportView(DeclarationsMixin, PreviewedImportMixin, TemplateView):
    """Upload a CSV of stays, see every line's errors, then import all of them or none."""

    template_name = "declarations/import.html"
    session_key = IMPORT_SESSION_KEY
    retry_url_name = "hostspace:stay_import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=imports.COLUMNS,
            required_columns=imports.required_columns(self.request.host),
            channels=imports.channel_help(),
            **kwargs,
        )

    def owner(self):
        return "host", self.request.host.pk

    def read(self, form):
        text = read_upload(form.cleaned_data["file"])
        return self.restore({"text": text}), {"text": text}

    def restore(self, kept):
        host = self.request.host
        return imports.check(host, imports.parse(kept["text"], host), self.rules)

    def save(self, plan):
        request = self.request
        created = imports.save(plan, request.user)
        messages.success(request, _("Import terminé : %(count)s séjour(s) ajouté(s) au registre.") % {"count": created})
        return redirect("hostspace:declarations")


class StayImportSampleView(HostRequiredMixin, View):
    def get(self, request):
        response = HttpResponse(imports.sample_csv(request.host), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="modele-import-sejours.csv"'
        return response


# Personal API tokens (« Sécurité du compte ») ---------------------------------------------------------------------


class ApiTokenView(HostRequiredMixin, FormView):
    """Create a token (shown once, never again) or revoke one; only hashes are stored."""

    template_name = "declarations/api_tokens.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=ApiToken.objects.filter(host=self.request.host),
            api_docs_url=reverse("api:docs"),
            stays_url=self.request.build_absolute_uri(reverse("api:stays")),
            **kwargs,
        )

    def form_valid(self, form):
        token, clear = tokens.create(self.request.host, form.cleaned_data["label"])
        log(self.request.host, "hostspace.api_token.create", user=self.request.user, data={"label": token.label})
        return self.render_to_response(self.get_context_data(form=ApiTokenForm(), new_token=clear, created=token))


class ApiTokenRevokeView(HostRequiredMixin, View):
    def post(self, request, pk):
        token = get_object_or_404(ApiToken.objects.filter(host=request.host, revoked_at__isnull=True), pk=pk)
        tokens.revoke(token)
        log(request.host, "hostspace.api_token.revoke", user=request.user, data={"label": token.label})
        messages.success(
            request, _("Le jeton « %(label)s » est révoqué : il ne donne plus accès à l'API.") % {"label": token.label}
        )
        return redirect("hostspace:api_tokens")
