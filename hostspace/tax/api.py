"""The tax endpoints of the public API: the deliberation in force (``tariffs/``) and an estimate (``estimate/``).

Served per site: the Host header chooses the collectivity. Amounts are decimal
strings in euros; rates are percents. Messages follow ``Accept-Language``.
Both endpoints are public and throttled per client (``DEFAULT_THROTTLE_RATES``).
"""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from hostspace.tax import engine, services
from portal.throttling import ScopedRateThrottle


class PublicEndpoint(APIView):
    """A public endpoint of one collectivity's site: no session, no CSRF, throttled per client."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [ScopedRateThrottle]

    def initial(self, request, *args, **kwargs):
        # The API's paths carry no language: messages follow the Accept-Language header (French by default).
        translation.activate(translation.get_language_from_request(request._request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def site(self):
        site = Site.find_for_request(self.request)
        if site is None:
            raise NotFound(_("Aucune collectivité n'est servie à cette adresse."))
        return site


def _no_deliberation(day):
    return NotFound(
        _("Aucune délibération de la taxe de séjour n'est en vigueur le %(date)s.") % {"date": date_format(day)}
    )


class CategorySerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=engine.CATEGORY_CODES)
    label = serializers.CharField()
    tariff = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, help_text=gettext_lazy("€ par personne et par nuit.")
    )
    rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=gettext_lazy("% du coût par personne et par nuit (non classés)."),
    )
    cap = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        required=False,
        help_text=gettext_lazy("Plafond en € avant taxes additionnelles (non classés)."),
    )


SURCHARGE_CODES = tuple(surcharge.code for surcharge in engine.SURCHARGES)


class SurchargeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=SURCHARGE_CODES)
    rate = serializers.DecimalField(max_digits=6, decimal_places=2)


class TariffsSerializer(serializers.Serializer):
    date = serializers.DateField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    categories = CategorySerializer(many=True)
    surcharges = SurchargeSerializer(many=True)


def tariffs_payload(tariffs, day, deliberation):
    """The deliberation in force as the API shows it: categories adopted, then the surcharges."""
    categories = [
        {"code": code, "label": str(engine.CATEGORY_LABELS[code]), "tariff": tariffs.classified[code]}
        for code in engine.CLASSIFIED_CATEGORIES
        if code in tariffs.classified
    ]
    if tariffs.unclassified_rate is not None:
        categories.append(
            {
                "code": engine.UNCLASSIFIED,
                "label": str(engine.CATEGORY_LABELS[engine.UNCLASSIFIED]),
                "rate": tariffs.unclassified_rate,
                "cap": engine.unclassified_cap(tariffs),
            }
        )
    return {
        "date": day,
        "valid_from": deliberation.valid_from,
        "valid_until": deliberation.valid_until,
        "categories": categories,
        "surcharges": [{"code": code, "rate": rate} for code, rate in tariffs.surcharges.items()],
    }


class TariffsView(PublicEndpoint):
    """The collectivity's deliberation in force on a date."""

    throttle_scope = "tariffs"

    @extend_schema(
        parameters=[OpenApiParameter("date", datetime.date, description="AAAA-MM-JJ ; aujourd'hui par défaut.")],
        responses={
            200: TariffsSerializer,
            400: OpenApiResponse(description="Date invalide."),
            404: OpenApiResponse(description="Aucune délibération en vigueur ce jour-là."),
        },
    )
    def get(self, request):
        field = serializers.DateField()
        raw = request.query_params.get("date")
        try:
            day = field.to_internal_value(raw) if raw else timezone.localdate()
        except ValidationError as error:
            raise ValidationError({"date": error.detail}) from error
        deliberation = services.deliberation_in_force(self.site(), day)
        if deliberation is None:
            raise _no_deliberation(day)
        payload = tariffs_payload(deliberation.tariffs(), day, deliberation)
        return Response(TariffsSerializer(payload).data)


class ExemptSerializer(serializers.Serializer):
    """Exempt occupants by reason (L2333-31); each counted among ``persons`` too."""

    minors = serializers.IntegerField(min_value=0, max_value=1000, default=0)
    seasonal_workers = serializers.IntegerField(min_value=0, max_value=1000, default=0)
    emergency_housing = serializers.IntegerField(min_value=0, max_value=1000, default=0)
    low_rent = serializers.IntegerField(min_value=0, max_value=1000, default=0)


class EstimateSerializer(serializers.Serializer):
    date = serializers.DateField(
        help_text=gettext_lazy("Une nuit du séjour : la délibération en vigueur ce jour-là s'applique.")
    )
    category = serializers.ChoiceField(choices=engine.CATEGORY_CODES)
    nights = serializers.IntegerField(min_value=1, max_value=366)
    persons = serializers.IntegerField(
        min_value=1, max_value=1000, help_text=gettext_lazy("Tous les occupants, exonérés compris.")
    )
    exempt = ExemptSerializer(required=False)
    price_per_night = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Prix de la nuitée hors taxes, en euros : requis pour un hébergement non classé."),
    )

    def validate(self, data):
        if data["category"] == engine.UNCLASSIFIED and data.get("price_per_night") is None:
            raise ValidationError(
                {"price_per_night": _("Le prix de la nuitée est requis pour un hébergement non classé.")}
            )
        return data


EstimateResult = inline_serializer(
    "EstimateResult",
    {
        "amount_per_person_night": serializers.DecimalField(max_digits=8, decimal_places=2),
        "taxable_person_nights": serializers.IntegerField(),
        "total": serializers.DecimalField(max_digits=12, decimal_places=2),
        "breakdown": serializers.DictField(
            help_text=gettext_lazy(
                "Le détail du calcul : tarif communal, taxes additionnelles, plafond, arrondi, nuitées taxables."
            )
        ),
    },
)


class EstimateView(PublicEndpoint):
    """The tax of a stay, with its breakdown, at the tariffs in force on its date."""

    throttle_scope = "estimate"

    @extend_schema(
        request=EstimateSerializer,
        responses={
            200: EstimateResult,
            400: OpenApiResponse(description="Un message par champ."),
            404: OpenApiResponse(description="Aucune délibération en vigueur ce jour-là."),
        },
    )
    def post(self, request):
        serializer = EstimateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        stay = engine.Stay(
            nights=data["nights"],
            persons=data["persons"],
            exempt=dict(data.get("exempt") or {}),
            price_per_night=data.get("price_per_night"),
        )
        try:
            result = services.estimate(self.site(), data["date"], data["category"], stay)
        except services.NoDeliberation as error:
            raise _no_deliberation(data["date"]) from error
        except engine.TaxInputError as error:
            raise ValidationError(error.errors) from error
        return Response(result.as_dict(), status=status.HTTP_200_OK)
