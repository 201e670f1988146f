"""The stays endpoints of the API (``stays/``, ``accommodations/``): booking software pushes a host's stays.

Authenticated by a host's personal token (``Authorization: Token tsj_…``,
created in « Sécurité du compte »), valid only on its collectivity's site (the
Host header) and only for that host's accommodations: another host's stay
answers 404. A stay is validated by :class:`~hostspace.declarations.forms.StayForm`,
the rules of the host's form and of the CSV import; its messages follow
``Accept-Language``. Dates are ISO, amounts decimal strings in euros.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import authentication, exceptions, serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from hostspace.declarations import services, tokens
from hostspace.declarations.forms import StayForm
from hostspace.declarations.models import EXEMPT_FIELDS, Channel, Stay
from hostspace.tax import engine
from portal.throttling import ScopedRateThrottle


class HostTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>``: the host's account, with the token (and so the host) as ``request.auth``."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("En-tête d'authentification invalide."))
        site = Site.find_for_request(request._request)
        token = tokens.find(header[1].decode("latin-1"), site) if site else None
        user = token.host.user if token else None
        if token is None or user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(_("Jeton invalide ou révoqué."))
        # At most one write a minute: enough to show « dernière utilisation » without a write per request.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token

    def authenticate_header(self, request):
        return self.keyword


class HostTokenScheme(OpenApiAuthenticationExtension):
    target_class = HostTokenAuthentication
    name = "hostToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "« Token tsj_… » : jeton personnel créé dans Sécurité du compte de l'espace hébergeur.",
        }


class StayExemptSerializer(serializers.Serializer):
    """Exempt occupants by reason (L2333-31); each is counted in ``persons`` too."""

    minors = serializers.IntegerField(min_value=0, default=0)
    seasonal_workers = serializers.IntegerField(min_value=0, default=0)
    emergency_housing = serializers.IntegerField(min_value=0, default=0)
    low_rent = serializers.IntegerField(min_value=0, default=0)


class StaySerializer(serializers.Serializer):
    """A stay of the register, as the API reads and writes it."""

    id = serializers.IntegerField(read_only=True)
    accommodation = serializers.IntegerField(help_text=gettext_lazy("Identifiant de l'hébergement (accommodations/)."))
    arrival = serializers.DateField()
    departure = serializers.DateField()
    nights = serializers.IntegerField(read_only=True)
    persons = serializers.IntegerField(help_text=gettext_lazy("Tous les occupants, exonérés compris."))
    exempt = StayExemptSerializer(required=False)
    price_per_night = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Prix de la nuitée hors taxes, en euros : requis pour un hébergement non classé."),
    )
    channel = serializers.ChoiceField(
        choices=Channel.values,
        default=Channel.DIRECT,
        help_text=gettext_lazy("« direct », ou la plateforme qui a perçu la taxe elle-même."),
    )
    platform_name = serializers.CharField(required=False, allow_blank=True)
    reference = serializers.CharField(
        required=False, allow_blank=True, help_text=gettext_lazy("Référence de la réservation, unique par hébergement.")
    )
    locked = serializers.BooleanField(
        read_only=True, help_text=gettext_lazy("Vrai quand une période déclarée contient ses nuits.")
    )
    source = serializers.CharField(read_only=True)


def stay_payload(stay, ranges):
    return {
        "id": stay.pk,
        "accommodation": stay.accommodation_id,
        "arrival": stay.arrival,
        "departure": stay.departure,
        "nights": stay.nights,
        "persons": stay.persons,
        "exempt": stay.exempt,
        "price_per_night": stay.price_per_night,
        "channel": stay.channel,
        "platform_name": stay.platform_name,
        "reference": stay.reference,
        "locked": services.is_locked(stay, ranges),
        "source": stay.source,
    }


API_NAMES = {"accommodation": "accommodation", **dict.fromkeys(EXEMPT_FIELDS.values(), "exempt")}


def form_data(body):
    """An API body as the data of a :class:`StayForm` (``exempt`` flattened into its fields)."""
    if not isinstance(body, dict):
        raise exceptions.ValidationError({"non_field_errors": [_("Le corps de la requête doit être un objet JSON.")]})
    data = {
        name: body.get(name)
        for name in ("accommodation", "arrival", "departure", "persons", "price_per_night", "channel")
        if body.get(name) is not None
    }
    data["platform_name"] = body.get("platform_name") or ""
    data["reference"] = body.get("reference") or ""
    exempt = body.get("exempt") or {}
    if not isinstance(exempt, dict) or set(exempt) - set(engine.EXEMPTION_CODES):
        raise exceptions.ValidationError({"exempt": [_("Motif d'exonération inconnu.")]})
    for code, name in EXEMPT_FIELDS.items():
        data[name] = exempt.get(code, 0)
    return data


def form_errors(form):
    """The form's errors with the API's field names (non-field ones under ``non_field_errors``)."""
    errors = {}
    for name, messages in form.errors.items():
        key = API_NAMES.get(name, name) if name != "__all__" else "non_field_errors"
        errors.setdefault(key, []).extend(messages)
    return errors


class HostEndpoint(APIView):
    """An endpoint of a host's own data: token-authenticated, throttled per account, messages in the asked language."""

    authentication_classes = [HostTokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "stays"

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request._request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    @property
    def host(self):
        return self.request.auth.host

    def stays(self):
        return Stay.objects.filter(accommodation__host=self.host).order_by("arrival", "pk")

    def save(self, form, stay=None):
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        with transaction.atomic():
            saved = form.save(commit=False)
            if stay is None:
                saved.source = Stay.Source.API
                saved.created_by = self.request.user
            saved.save()
        return saved


PaginatedStays = inline_serializer(
    "PaginatedStays",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": StaySerializer(many=True),
    },
)


class StayPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


class StayListView(HostEndpoint):
    """The host's stays (filtered by accommodation and dates), or a new stay."""

    pagination_class = StayPagination

    @extend_schema(
        operation_id="stays_list",
        parameters=[
            OpenApiParameter("accommodation", int, description="Un hébergement."),
            OpenApiParameter("from", str, description="AAAA-MM-JJ : séjours qui partent après ce jour."),
            OpenApiParameter("to", str, description="AAAA-MM-JJ : séjours arrivés au plus tard ce jour."),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses={200: PaginatedStays, 401: OpenApiResponse(description="Jeton absent ou invalide.")},
    )
    def get(self, request):
        stays = self.stays()
        params = request.query_params
        if params.get("accommodation", "").isdigit():
            stays = stays.filter(accommodation_id=params["accommodation"])
        day = serializers.DateField()
        try:
            if params.get("from"):
                stays = stays.filter(departure__gt=day.to_internal_value(params["from"]))
            if params.get("to"):
                stays = stays.filter(arrival__lte=day.to_internal_value(params["to"]))
        except serializers.ValidationError as error:
            raise exceptions.ValidationError({"from/to": error.detail}) from error
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(stays, request, view=self)
        ranges = {}
        data = []
        for stay in page:
            if stay.accommodation_id not in ranges:
                ranges[stay.accommodation_id] = services.frozen_ranges(stay.accommodation)
            data.append(StaySerializer(stay_payload(stay, ranges[stay.accommodation_id])).data)
        return paginator.get_paginated_response(data)

    @extend_schema(
        operation_id="stays_create",
        request=StaySerializer,
        responses={201: StaySerializer, 400: OpenApiResponse(description="Un message par champ.")},
    )
    def post(self, request):
        form = StayForm(data=form_data(request.data), host=self.host)
        stay = self.save(form)
        payload = stay_payload(stay, services.frozen_ranges(stay.accommodation))
        return Response(StaySerializer(payload).data, status=status.HTTP_201_CREATED)


class StayDetailView(HostEndpoint):
    """One of the host's stays: read, replace (until its period is declared), delete (likewise)."""

    def get_stay(self, pk):
        stay = self.stays().select_related("accommodation").filter(pk=pk).first()
        if stay is None:
            raise exceptions.NotFound(_("Séjour introuvable."))
        return stay

    @extend_schema(responses={200: StaySerializer, 404: OpenApiResponse(description="Séjour introuvable.")})
    def get(self, request, pk):
        stay = self.get_stay(pk)
        return Response(StaySerializer(stay_payload(stay, services.frozen_ranges(stay.accommodation))).data)

    @extend_schema(
        request=StaySerializer,
        responses={200: StaySerializer, 400: OpenApiResponse(description="Un message par champ.")},
    )
    def put(self, request, pk):
        stay = self.get_stay(pk)
        data = form_data(request.data)
        data.pop("accommodation", None)  # a stay stays in its accommodation
        saved = self.save(StayForm(data=data, instance=stay), stay)
        return Response(StaySerializer(stay_payload(saved, services.frozen_ranges(saved.accommodation))).data)

    @extend_schema(responses={204: None, 409: OpenApiResponse(description="Période déjà déclarée.")})
    def delete(self, request, pk):
        stay = self.get_stay(pk)
        if services.is_locked(stay, services.frozen_ranges(stay.accommodation)):
            return Response(
                {"detail": _("Ce séjour appartient à une période déclarée : il ne peut plus être supprimé.")},
                status=status.HTTP_409_CONFLICT,
            )
        stay.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccommodationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    registration_number = serializers.CharField()
    capacity = serializers.IntegerField()


class AccommodationListView(HostEndpoint):
    """The host's accommodations, whose ids the stays name."""

    @extend_schema(responses={200: AccommodationSerializer(many=True)})
    def get(self, request):
        accommodations = self.host.accommodations.order_by("name", "pk")
        return Response(AccommodationSerializer(accommodations, many=True).data)
